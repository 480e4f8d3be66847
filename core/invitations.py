"""Invitation codes: organisers hand them to delegation members and exhibitor staff."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Delegation, ExhibitorStaff, Invitation, User

# No look-alike characters (0/O, 1/I/L): codes are read aloud and typed from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
DELEGATION, EXHIBITOR = "delegation", "exhibitor"


def new_code(session: Session, kind: str, target: str, created_by: int) -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(10))
    session.add(Invitation(code=code, kind=kind, target=target, created_by=created_by))
    return code


def delegation_named(session: Session, name: str) -> Delegation:
    found = session.scalar(select(Delegation).where(Delegation.name == name))
    if found is None:
        found = Delegation(name=name)
        session.add(found)
        session.flush()
    return found


def redeem(session: Session, code: str, user: User, display_name: str | None) -> Invitation | None:
    """Joins the delegation or links the exhibitor the code is for; None if no such code."""
    invitation = session.get(Invitation, code.strip().upper())
    if invitation is None:
        return None
    if invitation.kind == DELEGATION:
        user.delegation_id = int(invitation.target)
        if display_name:
            user.display_name = display_name[:64]
    elif session.get(ExhibitorStaff, (user.id, invitation.target)) is None:
        session.add(ExhibitorStaff(user_id=user.id, exhibitor_id=invitation.target))
    return invitation
