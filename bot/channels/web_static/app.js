/* Delta Expo Assistant web chat. Replies arrive as text runs and are drawn with textContent:
   no reply text is ever parsed as HTML. */
"use strict";
(function () {
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var status = document.getElementById("status");
  var language = document.getElementById("language");
  var words = JSON.parse(document.getElementById("strings").textContent);
  var locale = document.documentElement.lang;
  var STORE = "expo-chat-transcript";
  var KEEP = 80;
  var queue = Promise.resolve();
  var transcript = [];

  function t(key, values) {
    var text = words[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // --- the page's own words, in the visitor's language ---------------------------------
  function applyWords() {
    document.documentElement.lang = locale;
    document.title = t("title");
    document.querySelectorAll("[data-i18n]").forEach(function (element) {
      element.textContent = t(element.getAttribute("data-i18n"));
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (element) {
      element.setAttribute("placeholder", t(element.getAttribute("data-i18n-placeholder")));
    });
    document.querySelectorAll("[data-i18n-label]").forEach(function (element) {
      element.setAttribute("aria-label", t(element.getAttribute("data-i18n-label")));
    });
    language.value = locale;
  }

  function followLocale(next) {
    if (!next || next === locale) return Promise.resolve();
    return fetch("/i18n/" + encodeURIComponent(next) + ".json", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (loaded) {
        if (!loaded) return;
        words = loaded;
        locale = next;
        applyWords();
      })
      .catch(function () { /* the page keeps its words; replies still follow the language */ });
  }

  // --- drawing messages -------------------------------------------------------------------
  function drawRuns(container, runs) {
    (runs || []).forEach(function (run) {
      var piece = document.createTextNode(run.t);
      if (run.code) { var code = node("code"); code.appendChild(piece); piece = code; }
      if (run.i) { var em = node("em"); em.appendChild(piece); piece = em; }
      if (run.b) { var strong = node("strong"); strong.appendChild(piece); piece = strong; }
      if (run.href && /^https?:\/\//i.test(run.href)) {
        var link = node("a");
        link.href = run.href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.appendChild(piece);
        link.appendChild(node("span", "sr-only", " " + t("opens_new")));
        piece = link;
      }
      container.appendChild(piece);
    });
  }

  function isCard(reply) {
    var first = (reply.text || [])[0];
    return Boolean(first && first.b && (reply.text || []).length > 2);
  }

  function fillBot(item, reply) {
    item.textContent = "";
    item.className = "msg bot" + (isCard(reply) ? " card" : "") + (reply.pushed ? " pushed" : "");
    item.appendChild(node("span", "sr-only", reply.pushed ? t("new_message") + ": " : t("assistant") + " "));
    var text = node("p", "text");
    drawRuns(text, reply.text);
    item.appendChild(text);
    if (reply.notice) item.appendChild(node("p", "notice", reply.notice));
    if (reply.file) {
      var file = node("a", "chip file", "📅 " + t("download", { filename: reply.file.name }));
      file.href = reply.file.url;
      file.setAttribute("download", reply.file.name);
      item.appendChild(file);
    }
    (reply.buttons || []).forEach(function (row) {
      var chips = node("div", "chips");
      chips.setAttribute("role", "group");
      row.forEach(function (button) {
        var chip;
        if (button.url) {
          chip = node("a", "chip", button.label);
          chip.href = /^https?:\/\//i.test(button.url) ? button.url : "#";
          chip.target = "_blank";
          chip.rel = "noopener noreferrer";
        } else {
          chip = node("button", "chip", button.label);
          chip.type = "button";
          chip.addEventListener("click", function () { press(button.data, item, chip); });
        }
        chips.appendChild(chip);
      });
      item.appendChild(chips);
    });
  }

  // The newest message comes into view; a long one (a card, a list) from its top.
  function show(element) {
    log.appendChild(element);
    reveal(element);
    return element;
  }

  function reveal(element) {
    var top = element.offsetTop - log.offsetTop - 8;
    log.scrollTop = Math.min(top, log.scrollHeight - log.clientHeight);
  }

  function botMessage(reply, entry) {
    var item = node("div");
    item.entry = entry;
    fillBot(item, reply);
    return show(item);
  }

  function myMessage(text) {
    var item = node("div", "msg me");
    item.appendChild(node("span", "sr-only", t("you") + " "));
    item.appendChild(node("p", "text", text));
    return show(item);
  }

  function systemMessage(text, retry) {
    var item = node("div", "system error");
    item.setAttribute("role", "alert");
    item.appendChild(node("p", "text", text));
    if (retry) {
      var again = node("button", "chip", t("retry"));
      again.type = "button";
      again.addEventListener("click", function () { item.remove(); retry(); });
      item.appendChild(again);
    }
    return show(item);
  }

  // --- the transcript survives a reload of the tab (it stays in this browser tab only) -----
  function remember(entry) {
    transcript.push(entry);
    if (transcript.length > KEEP) transcript = transcript.slice(-KEEP);
    save();
    return entry;
  }

  function save() {
    try { sessionStorage.setItem(STORE, JSON.stringify(transcript)); } catch (e) { /* private mode */ }
  }

  // After /delete_me: this tab keeps nothing of the conversation either.
  function forget() {
    transcript = [];
    try { sessionStorage.removeItem(STORE); } catch (e) { /* private mode */ }
  }

  function restore() {
    try { transcript = JSON.parse(sessionStorage.getItem(STORE) || "[]"); } catch (e) { transcript = []; }
    transcript.forEach(function (entry) {
      if (entry.me !== undefined) myMessage(entry.me);
      else botMessage(entry.bot, entry);
    });
  }

  // --- talking to the assistant -------------------------------------------------------------
  var typing = null;

  function startTyping() {
    if (typing) return;
    typing = node("div", "msg bot typing");
    typing.setAttribute("role", "status");
    typing.appendChild(node("span", "sr-only", t("typing")));
    for (var i = 0; i < 3; i++) {
      var dot = node("span");
      dot.setAttribute("aria-hidden", "true");
      typing.appendChild(dot);
    }
    show(typing);
  }

  function stopTyping() {
    if (typing) typing.remove();
    typing = null;
  }

  // A reply that has not come within this long counts as unreachable (the next message
  // must not wait behind it for ever).
  var PATIENCE_MS = 30000;

  function post(path, body) {
    var options = {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    };
    if (window.AbortController) {
      var controller = new AbortController();
      options.signal = controller.signal;
      setTimeout(function () { controller.abort(); }, PATIENCE_MS);
    }
    return fetch(path, options);
  }

  function problem(response) {
    if (response.status === 429) return t("rate_limited");
    if (response.status === 413) return t("too_large");
    if (response.status === 403) return t("forbidden");
    return t("unreachable");
  }

  // Messages go out one at a time, so replies come back in the order they were asked.
  function exchange(path, body, target, onDone) {
    queue = queue.then(function () {
      startTyping();
      return post(path, body)
        .then(function (response) {
          if (!response.ok) {
            stopTyping();
            var retry = response.status >= 500 ? function () { exchange(path, body, target, onDone); } : null;
            systemMessage(problem(response), retry);
            return;
          }
          return response.json().then(function (answer) {
            stopTyping();
            if (answer.forgotten) forget();
            var reply = answer.reply;
            if (reply.edit && target && target.entry) {
              target.entry.bot = reply;
              if (!answer.forgotten) save();
              fillBot(target, reply);
              reveal(target);
              focusIn(target);
            } else {
              var item = botMessage(reply, answer.forgotten ? {} : remember({ bot: reply }));
              if (target) focusIn(item);
            }
            return followLocale(answer.locale);
          });
        })
        .catch(function () {
          stopTyping();
          systemMessage(t("unreachable"), function () { exchange(path, body, target, onDone); });
        })
        .then(onDone);
    });
    return queue;
  }

  // After a button press, keyboard users land on the reply's first choice, else the input.
  function focusIn(item) {
    var first = item.querySelector(".chip");
    (first || input).focus({ preventScroll: true });
  }

  function sendText(text, quiet) {
    if (!quiet) {
      myMessage(text);
      remember({ me: text });
    }
    return exchange("/api/message", { text: text }, null);
  }

  function press(data, item, chip) {
    chip.setAttribute("aria-busy", "true");
    exchange("/api/button", { data: data }, item, function () { chip.removeAttribute("aria-busy"); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    sendText(text, false);
    input.focus();
  });

  // Enter while an input method is composing (pinyin, kana, hangul) picks a candidate.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.isComposing || event.keyCode === 229)) event.preventDefault();
  });

  language.addEventListener("change", function () {
    sendText("/language " + language.value, true);
  });

  document.querySelectorAll("[data-command]").forEach(function (button) {
    button.addEventListener("click", function () {
      sendText(button.getAttribute("data-command"), false);
    });
  });

  // --- messages sent on our own (reminders, alerts, broadcasts), live while the page is open --
  function listen() {
    if (!window.EventSource) return;
    var source = new EventSource("/api/events");
    source.addEventListener("notice", function (event) {
      var reply = JSON.parse(event.data);
      reply.pushed = true;
      // Sent again when the page went away before saying it had shown it: shown once.
      var shown = transcript.some(function (entry) { return entry.bot && entry.bot.id === reply.id; });
      if (!shown) botMessage(reply, remember({ bot: reply }));
      post("/api/seen", { id: reply.id }).catch(function () { /* shown again next visit */ });
    });
    source.addEventListener("open", function () { status.textContent = ""; });
    source.addEventListener("error", function () {
      status.textContent = t("reconnecting");
    });
  }

  restore();
  if (!transcript.length) sendText("/start", true);
  listen();
})();
