"""Eighth round of phrasings: German and Russian, as native speakers type them into a chat app:
formal Sie/вы and casual du/ты, terse queries, lower-case unpunctuated lines, some English words
mixed in, and out-of-scope requests that share words with expo tasks (hotels, flights, TV events)."""

MORE = {}

MORE["de"] = {
    "greet": [
        "hallihallo", "einen wunderschönen guten Morgen", "servus Bot", "moin zusammen", "hi, ich hab da mal ne frage",
        "guten Tag, sind Sie der Messeassistent?", "hey, was geht", "grüezi mitenand", "hallo lieber Assistent", "tag auch",
        "Guten Tag, ich bin Einkäufer und zum ersten Mal auf der CIIE", "hello again",
    ],
    "goodbye": [
        "tschüssikowski", "auf Wiedersehen, einen schönen Tag Ihnen noch", "ich mach dann mal Schluss", "so, ich bin raus",
        "bis morgen früh", "pfiat di", "hau rein", "bis zum nächsten Messetag", "ich schließe jetzt den Chat",
        "ich melde mich später wieder, tschüss", "wir sprechen uns", "schönen Feierabend",
    ],
    "thank": [
        "dankeschön, sehr lieb", "vielen Dank, das hat mir sehr weitergeholfen", "danke, Sie haben mir sehr geholfen",
        "merci beaucoup", "thanks a lot", "danke vielmals für die Mühe", "ich bin Ihnen sehr dankbar", "mega, danke",
        "danke fürs Raussuchen", "herzlichsten Dank",
    ],
    "affirm": [
        "jepp", "passt perfekt", "ja, das ist der richtige", "okidoki", "gebongt", "sicher doch", "ja, gern doch", "yes",
        "das klingt gut", "ja, ich bestätige", "genau so machen wir's", "ok cool",
    ],
    "deny": [
        "nein, das möchte ich nicht", "nee, passt nicht", "nö, lass mal gut sein", "nein, das war nicht gemeint",
        "ganz sicher nicht", "nein, lieber doch nicht", "nix da", "nein, so nicht", "eher nicht", "das ist nicht korrekt",
        "no", "ne, das ist die falsche",
    ],
    "help": [
        "wie funktioniert dieser Assistent eigentlich", "was kann ich hier alles machen?", "können Sie mir erklären, wie ich Sie benutze",
        "ich kenn mich hier nicht aus", "welche Infos hast du zur Messe", "gibt es eine Übersicht deiner Funktionen",
        "how does this work", "bin neu hier, wie läuft das", "kurze Einführung bitte", "was für Fragen beantwortest du",
        "ich brauche eine Erklärung, wie der Bot funktioniert", "Tutorial", "was genau machst du so", "wie bediene ich das",
        "worüber kann ich mit dir sprechen",
    ],
    "search_exhibitors": [
        "gibt's hier {country_adj} Aussteller mit {product}?", "welche Stände haben {product}", "suche Hersteller von {product} aus {country}",
        "wer ist alles in Halle {hall}", "Können Sie mir Anbieter von {product} nennen?", "{product} supplier aus {country}",
        "ich suche {country_adj} Lieferanten für {product}", "welche Firmen stellen im Bereich {area} aus",
        "zeig mir alle Aussteller mit {product} in Halle {hall}", "{product} made in {country}", "lieferanten {product} halle {hall}",
        "Aussteller aus {country} im Bereich {area}",
    ],
    "exhibitor_info": [
        "können Sie mir sagen, wo {company} ausstellt", "hat {company} einen Stand hier", "Firmenprofil {company}",
        "wie kann ich {company} kontaktieren", "{company} Halle und Stand", "welche Produkte zeigt {company}",
        "wer ist der Ansprechpartner von {company} auf der Messe", "{company} website bitte",
        "ich brauche die Kontaktdaten von {company}", "was weißt du über {company}",
    ],
    "book_meeting": [
        "Könnten Sie mir {date} um {time} ein Gespräch mit {company} buchen?", "mach mir nen termin bei {company}",
        "ich will {company} kennenlernen, geht {date}?", "1:1 Meeting mit {company} anfragen", "bitte Matchmaking mit {company} {date} um {time}",
        "Treffen mit {company} um {time} einplanen", "meeting {company} {date} buchen", "kann ich mit {company} einen Gesprächstermin bekommen",
        "würde {company} gerne persönlich treffen, bitte Termin machen", "reservier mir {date} um {time} was bei {company}",
        "neues Meeting anlegen mit {company}", "Geschäftstermin mit {company} {date} arrangieren",
    ],
    "my_meetings": [
        "hab ich {date} schon was vor?", "zeigen Sie mir bitte meine vereinbarten Gespräche", "welche Firmen treffe ich {date}",
        "meine Meetings diese Woche", "um wie viel Uhr ist mein Termin mit {company}", "gib mir einen Überblick über meine Termine",
        "wie sieht mein Tag {date} aus", "my meetings bitte", "mein Terminplan für die Messe", "wo muss ich {date} hin",
        "welche Matchmakings stehen noch aus", "liste aller vereinbarten Treffen", "bin ich {date} schon verplant",
        "was hab ich heute noch", "zeig mal meinen Kalender für die Messetage",
    ],
    "cancel_meeting": [
        "ich schaffe es {date} nicht zu {company}, bitte stornieren", "das Gespräch mit {company} bitte absagen",
        "können Sie meinen Termin bei {company} stornieren?", "termin {company} cancel", "bitte nimm das Meeting {date} raus",
        "ich möchte die Reservierung bei {company} zurückziehen", "Treffen {date} fällt flach, bitte löschen",
        "Matchmaking mit {company} stornieren", "mein Meeting mit {company} {date} bitte canceln", "absage für {company}",
    ],
    "list_events": [
        "welche Folgeveranstaltungen gibt es nach der CIIE in {city}", "gibt's {date} was in {city}", "Spillover-Events in {city}",
        "Roadshows zu {product} {date}", "Welche Foren finden {date} im Jangtse-Delta statt?", "was steht in {city} auf dem Programm",
        "Branchentreffs für {product} in {city}", "gibt es Fachforen zu {product}", "Veranstaltungskalender {city}",
        "ich bin {date} in {city}, gibt es da Events?", "welche Roadshows laufen nach der Expo im Yangtze Delta",
        "Side Events in {city} {date}",
    ],
    "subscribe_alerts": [
        "schick mir Push-Nachrichten zu Events in {city}", "ich möchte bei neuen {product} Veranstaltungen informiert werden",
        "Alert für {city} anlegen", "können Sie mich benachrichtigen, wenn es Events in {city} gibt", "notify me bei {product} Events",
        "Benachrichtigung für {product} Foren einschalten", "bitte auf dem Laufenden halten, was Events in {city} angeht",
        "Eventupdates für {city} abonnieren", "gib mir Bescheid, wenn neue Roadshows zu {product} angekündigt werden",
        "Alerts an für {city}",
    ],
    "unsubscribe_alerts": [
        "bitte keine Event-Mails mehr zu {city}", "ich möchte mich von den Benachrichtigungen abmelden", "Alerts für {product} ausschalten",
        "{city} Benachrichtigungen deaktivieren", "hör auf, mir Events zu schicken", "kann ich die Alerts abbestellen?",
        "Abo für {product} Events beenden", "unsubscribe", "mir reicht's mit den Benachrichtigungen",
        "ich will keine Infos mehr zu Events in {city}",
    ],
    "set_language": [
        "können Sie bitte auf {language} antworten", "schreib mir ab jetzt auf {language}", "switch to {language}",
        "Antworten bitte in {language}", "Sprache: {language}",
    ],
    "out_of_scope": [
        "buch mir ein Hotelzimmer in der Nähe des Messegeländes", "storniere meinen Flug nach Frankfurt", "finde ein gutes Restaurant in Suzhou",
        "welche Events laufen heute im Fernsehen", "sag meinen Zahnarzttermin ab", "wie wird das Wetter während der Messe",
        "übersetz mir diese E-Mail ins Englische", "schreib mir eine E-Mail an einen Kunden", "was ist die Wurzel aus 144",
        "wer wird Deutscher Meister", "kannst du mir ein Taxi zum Bahnhof Hongqiao rufen", "wo kann ich in Shanghai shoppen gehen",
        "was ist deine Meinung zur Bundestagswahl", "wie schreibe ich eine Schleife in JavaScript", "bist du verheiratet",
        "erzähl mir einen Witz über Messen", "abonniere den YouTube-Kanal für mich", "Konzerttickets für Samstag buchen",
        "was kostet ein Big Mac in China", "wie lange fliegt man von München nach Shanghai", "hab Bauchschmerzen, was soll ich tun",
        "Netflix Empfehlungen", "wer ist der Präsident von Frankreich", "Tischreservierung für vier Personen heute Abend",
        "Termin beim Friseur buchen", "wie geht Bayern gegen Dortmund aus", "kannst du Excel Formeln", "schreib ein Gedicht für meine Oma",
        "was sind 17 Prozent von 250", "sind Pilze gesund", "welche Apps brauche ich in China", "wie funktioniert WeChat Pay",
        "mach mir ne Playlist", "wo gibt es gutes Bier in Shanghai", "wie viel Trinkgeld gibt man in China",
        "erklär mir die Relativitätstheorie", "lol", "bist du schlauer als Siri", "kannst du mir Geld leihen", "Flugstatus LH728",
        "meinen Mietwagen stornieren", "Kinoprogramm heute", "wie lautet das WLAN Passwort im Hotel",
        "welche Sportevents gibt es am Wochenende", "bestell mir was zu essen",
    ],
}

MORE["de_lingang"] = {
    "tax": [
        "gibt es in Lingang Steuererleichterungen für ausländische Fachkräfte", "wie viel Körperschaftsteuer zahlt eine GmbH in Lingang",
        "Lingang tax incentives für Hightech-Firmen", "Mehrwertsteuer beim Export aus Lingang",
        "welche steuerlichen Vorteile hätte meine Firma in der Lingang New Area",
    ],
    "company_setup": [
        "Was brauche ich, um in Lingang eine GmbH zu gründen?", "registrierung einer wfoe in lingang wie lange",
        "Repräsentanz in Lingang eröffnen", "Mindestkapital für Firmengründung in Lingang", "Business License Lingang beantragen, wie geht das",
    ],
    "work_visa": [
        "wie bekomme ich als Deutscher eine Arbeitserlaubnis für Lingang", "Work Permit Lingang Ablauf",
        "Visum für ausländische Ingenieure in Lingang", "Residence Permit in Lingang verlängern",
        "können Expats in Lingang leichter ein Visum bekommen",
    ],
    "bonded_zone": [
        "Welche Zollvorteile hat die Yangshan Special Comprehensive Bonded Zone?", "Ware zollfrei in Yangshan lagern",
        "wie läuft die Zollanmeldung in der Yangshan Bonded Zone", "ist Verarbeitung im Zollgebiet Yangshan erlaubt",
        "Re-Export über die Yangshan Zone",
    ],
    "data_transfer": [
        "darf ich Mitarbeiterdaten von Lingang nach Europa übertragen", "cross-border data transfer Lingang Regeln",
        "brauche ich eine Genehmigung für Datenexport aus Lingang", "Server im Ausland und Daten aus Lingang, geht das",
        "Datenkatalog Lingang für grenzüberschreitende Übertragung",
    ],
    "negative_list": [
        "darf ich in Lingang in Telekommunikation investieren", "gilt die Negativliste auch in Lingang",
        "welche Bereiche sind für Auslandsinvestoren in Lingang gesperrt", "foreign investment negative list Lingang Ausnahmen",
        "brauche ich in Lingang einen chinesischen Partner oder darf ich 100% halten",
    ],
    "finance": [
        "wie eröffne ich ein FT Account in Lingang", "Zahlungen ins Ausland über Lingang abwickeln",
        "gibt es in Lingang Förderkredite für Startups", "Free Trade Account Vorteile", "grenzüberschreitende Finanzierung über Banken in Lingang",
    ],
    "key_industries": [
        "welche Branchen werden in Lingang besonders gefördert", "Lingang Chipindustrie", "gibt es in Lingang einen Schwerpunkt auf Wasserstoff",
        "passt meine Biotech Firma nach Lingang", "Lingang key industries",
    ],
    "contact": [
        "wo kann ich mich offiziell zu Lingang beraten lassen", "Lingang Verwaltungskomitee Kontakt",
        "gibt es eine Anlaufstelle für ausländische Investoren in Lingang", "Öffnungszeiten Servicezentrum Lingang",
        "Lingang Behörde E-Mail-Adresse",
    ],
}

MORE["ru"] = {
    "greet": [
        "добрый день всем", "здравствуйте, я закупщик, впервые на CIIE", "хэй", "добрый день, уважаемый ассистент", "прив",
        "здорова", "доброго вечера", "доброго утречка", "привет, есть минутка?", "hi", "здравствуйте, это помощник выставки?",
        "приветствую, коллега",
    ],
    "goodbye": [
        "ну всё, бывай", "до свидания, хорошего вам дня", "я отключаюсь", "покеда", "до встречи на CIIE", "пора закругляться, пока",
        "увидимся позже", "всех благ", "до скорой встречи", "ну, давай, пока", "гудбай", "закрываю чат",
    ],
    "thank": [
        "спасибо вам большое, вы очень помогли", "спасибо, выручил", "благодарствую", "сердечно благодарю", "thank you", "мерси",
        "спасибо за подробный ответ", "спасибо, очень ценная информация", "от души спасибо", "спасибо, всё понятно",
    ],
    "affirm": [
        "так и сделаем", "ок, давай так", "угу, подходит", "да, всё правильно", "окей, бронируй", "именно", "ага, он самый", "да, подтверждаю",
        "ладно, давайте", "годится", "лады", "естественно",
    ],
    "deny": [
        "нет, это не то, что я имел в виду", "нет, отказываюсь", "нет уж", "лучше не стоит", "нет, не надо ничего менять", "нет, не тот", "no",
        "не, спасибо", "нет, не согласен", "нет, это ошибка", "не так", "нет, другая дата",
    ],
    "help": [
        "что я могу здесь сделать?", "объясните, пожалуйста, как пользоваться ботом", "я тут новенькая, подскажите, как всё устроено",
        "какие возможности у ассистента", "как с этим работать", "дай подсказку", "как ты можешь мне помочь на выставке",
        "инструкция по использованию", "что ты вообще умеешь делать", "how to use", "не разберусь, как тут всё работает",
        "что можно у тебя спросить про выставку", "FAQ", "какие запросы ты понимаешь", "помоги разобраться",
    ],
    "search_exhibitors": [
        "{product} — есть такие экспоненты?", "подскажите поставщиков из {country}", "нужны {country_adj} производители, товар: {product}",
        "кто выставляется в павильоне {hall}", "покажите компании раздела {area} из {country}", "ищу производителя, категория {product}",
        "есть ли в павильоне {hall} {product}?", "{product} suppliers из {country}", "найди мне {country_adj} компании в павильоне {hall}",
        "какие экспоненты представлены в разделе {area}", "интересуют поставщики, категория {product}, из {country}",
        "у кого есть {product} из {country}",
    ],
    "exhibitor_info": [
        "как связаться с {company}?", "подскажите, где стенд компании {company}", "какой сайт у {company}", "в каком зале стоит {company}",
        "профиль компании {company}, пожалуйста", "где искать {company} на выставке", "кто представитель {company} на выставке",
        "что за компания {company}", "email {company}", "чем торгует {company}",
    ],
    "book_meeting": [
        "хочу записаться на переговоры с {company} {date} в {time}", "забей мне встречу с {company}",
        "можно ли договориться о встрече с {company} {date}?", "назначьте, пожалуйста, встречу с {company} в {time}",
        "матчмейкинг с {company}, {date}", "запиши на встречу к {company}", "нужна встреча один на один с {company}",
        "хочу встретиться с представителями {company} {date}", "забронировать время для переговоров с {company} {date} в {time}",
        "бронь встречи {company} в {time}", "организуйте мне переговоры с {company} {date}",
        "хотелось бы лично пообщаться с {company}, можно записаться?",
    ],
    "my_meetings": [
        "какие у меня переговоры {date}?", "покажите мой график встреч", "что там у меня по встречам", "во сколько я встречаюсь с {company}?",
        "список забронированных переговоров", "я свободен {date}?", "с кем у меня встречи {date}", "расписание встреч на выставке",
        "my meetings", "сколько встреч у меня {date}", "есть ли у меня что-то с {company}", "проверь мои записи {date}",
        "что у меня по плану сегодня", "какая встреча у меня следующая", "напомни расписание {date}",
    ],
    "cancel_meeting": [
        "отмените, пожалуйста, мою встречу с {company} {date}", "не получится прийти к {company}, снимите бронь", "сними мою встречу {date}",
        "отказаться от встречи с {company}", "встречу {date} надо отменить", "отмени матчмейкинг с {company}", "cancel встречу с {company}",
        "аннулируй бронь у {company}", "я передумал встречаться с {company}, отмени", "удалите мою запись {date}",
    ],
    "list_events": [
        "какие мероприятия после CIIE проходят в {city}", "есть что-нибудь интересное {date} в {city}?", "роуд-шоу по теме {product} {date}",
        "форумы в дельте Янцзы {date}", "покажи афишу мероприятий в {city}", "какие деловые события в {city} можно посетить",
        "конференции по теме {product} в {city}", "буду в {city} {date}, какие там мероприятия?", "events в {city}",
        "мероприятия дельты реки Янцзы после выставки", "презентации и форумы по теме {product}", "календарь событий в {city}",
    ],
    "subscribe_alerts": [
        "хочу получать уведомления о мероприятиях в {city}", "присылайте мне анонсы событий по теме {product}", "оформи подписку на события в {city}",
        "включи алерты, тема {product}", "дай знать, когда появятся события в {city}", "подписка на мероприятия в {city}",
        "уведомляй о форумах по теме {product}", "хочу быть в курсе событий в {city}", "subscribe на события в {city}",
        "можно подписаться на новые роуд-шоу?",
    ],
    "unsubscribe_alerts": [
        "отключите, пожалуйста, уведомления о событиях в {city}", "отпишите меня от рассылки", "не хочу больше получать анонсы по теме {product}",
        "удали подписку на события в {city}", "хватит слать мне мероприятия", "убери алерты о событиях в {city}", "unsubscribe",
        "отключить рассылку, тема {product}", "как отписаться от уведомлений?", "больше не нужно сообщать о событиях в {city}",
    ],
    "set_language": [
        "переключи, пожалуйста, язык на {language}", "язык ответов: {language}", "поменяй язык на {language}", "выбери {language} язык",
        "давай лучше {language}",
    ],
    "out_of_scope": [
        "забронируй мне гостиницу рядом с выставочным центром", "отмени мой авиарейс", "найди ресторан с китайской кухней поблизости",
        "какие события сегодня по телевизору", "отмени мою запись к врачу", "будет ли дождь во время выставки",
        "переведи этот текст на китайский", "напиши письмо клиенту", "сколько будет 256 разделить на 8", "кто выиграл Лигу чемпионов",
        "закажи такси до вокзала Хунцяо", "где в Шанхае купить сувениры", "как ты относишься к выборам", "как написать цикл на JavaScript",
        "ты замужем?", "расскажи анекдот про выставку", "подпиши меня на канал на YouTube", "купи билеты на концерт в субботу",
        "сколько стоит Биг Мак в Китае", "сколько лететь из Москвы в Шанхай", "болит живот, что делать", "что посмотреть на Netflix",
        "кто президент Франции", "забронируй столик на четверых на вечер", "запиши меня к парикмахеру", "кто победит в матче Зенит – Спартак",
        "помоги с формулами в Excel", "сочини стих бабушке", "сколько будет 17 процентов от 250", "полезны ли грибы",
        "какие приложения нужны в Китае", "как работает WeChat Pay", "составь плейлист", "где выпить хорошего пива в Шанхае",
        "сколько оставлять чаевых в Китае", "объясни теорию относительности", "ахах", "ты умнее Алисы?", "одолжи денег",
        "статус рейса SU208", "отмени аренду машины", "что идёт в кино сегодня", "какой пароль от wifi в отеле",
        "какие спортивные события на выходных", "закажи мне еду",
    ],
}

MORE["ru_lingang"] = {
    "tax": [
        "есть ли в Лингане льготы по НДФЛ для иностранных специалистов", "сколько налога платит ООО в новой зоне Линган",
        "налоговые преференции для хайтек-компаний в Лингане", "НДС при экспорте из Лингана",
        "какие налоговые бонусы получит моя фирма в Lingang",
    ],
    "company_setup": [
        "что нужно, чтобы открыть ООО в Лингане?", "сколько занимает регистрация WFOE в Лингане", "открыть представительство в Лингане",
        "минимальный уставный капитал для компании в Лингане", "как оформить business license в Лингане",
    ],
    "work_visa": [
        "как россиянину получить разрешение на работу в Лингане", "work permit в Лингане, порядок оформления",
        "виза для иностранных инженеров в Лингане", "продлить residence permit в Лингане", "проще ли экспатам получить визу в Лингане",
    ],
    "bonded_zone": [
        "какие таможенные преимущества у особой комплексной бондовой зоны Яншань", "можно ли хранить товар без пошлин в зоне Яншань",
        "как подать таможенную декларацию в бондовой зоне Яншань", "разрешена ли переработка в таможенной зоне Яншань",
        "реэкспорт через зону Яншань",
    ],
    "data_transfer": [
        "можно ли передавать данные сотрудников из Лингана в Европу", "cross-border data transfer в Лингане, какие правила",
        "нужно ли разрешение на экспорт данных из Лингана", "сервер за границей и данные из Лингана — это законно?",
        "каталог данных Лингана для трансграничной передачи",
    ],
    "negative_list": [
        "можно ли иностранцу инвестировать в телеком в Лингане", "действует ли негативный список в Лингане",
        "какие сферы закрыты для иностранных инвесторов в Лингане", "исключения из негативного списка в Лингане",
        "нужен ли китайский партнёр или можно владеть компанией в Лингане на 100%",
    ],
    "finance": [
        "как открыть FT-счёт в Лингане", "проводить платежи за рубеж через Линган", "есть ли льготные кредиты для стартапов в Лингане",
        "преимущества free trade account", "трансграничное финансирование через банки Лингана",
    ],
    "key_industries": [
        "какие отрасли особенно поддерживаются в Лингане", "производство чипов в Лингане", "развивают ли в Лингане водородную энергетику",
        "подойдёт ли Линган для биотех-компании", "Lingang key industries",
    ],
    "contact": [
        "куда обратиться за официальной консультацией по Лингану", "контакты управляющего комитета Лингана",
        "есть ли в Лингане окно для иностранных инвесторов", "часы работы сервисного центра Лингана", "email администрации Лингана",
    ],
}
