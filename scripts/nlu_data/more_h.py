"""Sixth round of phrasings, all eight languages: still more out-of-scope requests (errands,
shopping, feelings, devices, knowledge), help requests phrased as questions about the bot,
farewells with thanks, and asking about one's own bookings."""

MORE = {}

MORE["en"] = {
    "help": ["what's your purpose", "what are you good at", "how should I talk to you", "show me examples of questions", "where do I begin", "assist me please"],
    "goodbye": ["thanks and goodbye", "that's everything, bye", "I'm heading out", "gotta leave now, bye", "bye for today"],
    "my_meetings": ["what's booked {date}", "show my confirmed appointments", "did I schedule anything", "what's my plan for {date}", "list my matchmaking meetings"],
    "greet": ["hi, good day", "hello, nice to meet you", "hey, morning"],
    "out_of_scope": ["I'm sad", "I feel lonely", "where's the nearest pharmacy", "buy me a gift", "compare iphone and samsung", "my printer is broken",
                     "what is the GDP of Japan", "who discovered gravity", "how many legs does a spider have", "let's chat about football", "what's your opinion on politics",
                     "give me a motivational quote", "teach me guitar", "how to meditate", "what's trending today", "rate my outfit", "where can I park my car",
                     "is the metro running", "how do I get to the Bund", "best bars in Shanghai"],
}
MORE["zh"] = {
    "help": ["你的用途是什么", "你擅长什么", "我该怎么跟你说话", "给我举几个提问的例子", "我从哪开始", "请协助我"],
    "goodbye": ["谢谢，再见", "就这些了，拜拜", "我要出发了", "得走了，拜", "今天就到这里，拜拜"],
    "my_meetings": ["{date}预约了什么", "我确认的会议", "我有没有安排过会", "我{date}的计划", "我的洽谈会议列表"],
    "greet": ["你好，日安", "您好，很高兴见到你", "嘿，早"],
    "out_of_scope": ["我好难过", "我好孤独", "最近的药店在哪", "帮我买个礼物", "苹果和三星哪个好", "打印机坏了", "日本GDP多少", "谁发现了万有引力",
                     "蜘蛛有几条腿", "聊聊足球吧", "你对政治怎么看", "给我一句励志名言", "教我弹吉他", "怎么冥想", "今天什么最火", "评价一下我的穿搭",
                     "车停哪里", "地铁还开吗", "去外滩怎么走", "上海最好的酒吧"],
}
MORE["ja"] = {
    "help": ["あなたの目的は", "得意なことは", "どう話しかければいい", "質問の例を見せて", "何から始めれば", "サポートをお願いします"],
    "goodbye": ["ありがとう、さようなら", "以上です、じゃあね", "出かけます", "もう行かないと、バイバイ", "今日はここまで、またね"],
    "my_meetings": ["{date}の予約内容", "確定した面談", "何か予定を入れたっけ", "{date}の予定を確認", "商談会の予約一覧"],
    "greet": ["こんにちは、いい日ですね", "はじめまして、よろしくお願いします", "おはよう、どうも"],
    "out_of_scope": ["悲しい", "寂しい", "一番近い薬局", "プレゼントを買って", "iPhoneとサムスンどっちがいい", "プリンターが壊れた", "日本のGDPは",
                     "重力を発見したのは", "クモの足は何本", "サッカーの話をしよう", "政治についてどう思う", "やる気の出る名言", "ギターを教えて", "瞑想の仕方",
                     "今日のトレンド", "駐車場はどこ", "地下鉄は動いてる", "外灘への行き方", "上海のおすすめバー"],
}
MORE["ko"] = {
    "help": ["너의 목적이 뭐야", "잘하는 게 뭐야", "어떻게 말 걸면 돼", "질문 예시 보여줘", "뭐부터 하면 돼", "지원 부탁해요"],
    "goodbye": ["고마워요, 안녕히 계세요", "이게 다예요, 안녕", "나갈게요", "이제 가야 해요, 바이", "오늘은 여기까지, 또 봐요"],
    "my_meetings": ["{date} 예약 내용", "확정된 면담", "내가 일정 잡은 거 있어?", "{date} 계획 확인", "상담회 예약 목록"],
    "greet": ["안녕하세요, 좋은 날이에요", "처음 뵙겠습니다, 잘 부탁드려요", "좋은 아침, 안녕"],
    "out_of_scope": ["슬퍼", "외로워", "제일 가까운 약국", "선물 사줘", "아이폰이랑 삼성 뭐가 나아", "프린터 고장났어", "일본 GDP", "중력 발견한 사람",
                     "거미 다리 몇 개", "축구 얘기하자", "정치에 대해 어떻게 생각해", "동기부여 명언", "기타 가르쳐줘", "명상하는 법", "오늘 트렌드",
                     "주차 어디에 해", "지하철 다녀?", "와이탄 가는 법", "상하이 좋은 바"],
}
MORE["de"] = {
    "help": ["wozu bist du gut", "was kannst du besonders gut", "wie rede ich am besten mit dir", "zeig mir Beispielfragen", "womit fange ich an", "unterstütz mich bitte"],
    "goodbye": ["danke und auf Wiedersehen", "das war alles, tschüss", "ich mach mich auf den Weg", "muss jetzt gehen, tschau", "für heute tschüss"],
    "my_meetings": ["was ist {date} gebucht", "meine bestätigten Gespräche", "habe ich etwas vereinbart", "was ist mein Plan für {date}", "meine Matchmaking-Termine"],
    "greet": ["hallo, schönen Tag", "hallo, freut mich sehr", "hey, Morgen"],
    "out_of_scope": ["ich bin traurig", "ich fühle mich einsam", "wo ist die nächste Apotheke", "kauf mir ein Geschenk", "iPhone oder Samsung", "mein Drucker ist kaputt",
                     "wie hoch ist das BIP von Japan", "wer hat die Schwerkraft entdeckt", "wie viele Beine hat eine Spinne", "lass uns über Fußball reden",
                     "was hältst du von Politik", "gib mir ein Motivationszitat", "bring mir Gitarre bei", "wie meditiere ich", "was ist heute angesagt",
                     "wo kann ich parken", "fährt die U-Bahn noch", "wie komme ich zum Bund", "beste Bars in Shanghai"],
}
MORE["fr"] = {
    "help": ["à quoi sers-tu au juste", "en quoi es-tu doué", "comment je dois te parler", "montre-moi des exemples de questions", "par quoi je commence", "assiste-moi svp"],
    "goodbye": ["merci et au revoir", "c'est tout, salut", "je m'en vais maintenant", "je dois partir, ciao", "salut pour aujourd'hui"],
    "my_meetings": ["qu'est-ce qui est réservé {date}", "mes entretiens confirmés", "ai-je planifié quelque chose", "quel est mon programme {date}", "mes rendez-vous de matchmaking"],
    "greet": ["bonjour, belle journée", "bonjour, ravi de vous rencontrer", "hé, bonjour"],
    "out_of_scope": ["je suis triste", "je me sens seul", "où est la pharmacie la plus proche", "achète-moi un cadeau", "iphone ou samsung", "mon imprimante est en panne",
                     "quel est le PIB du Japon", "qui a découvert la gravité", "combien de pattes a une araignée", "parlons de foot", "que penses-tu de la politique",
                     "donne-moi une citation motivante", "apprends-moi la guitare", "comment méditer", "quelles sont les tendances du jour", "où me garer",
                     "le métro fonctionne-t-il", "comment aller au Bund", "meilleurs bars de Shanghai"],
}
MORE["es"] = {
    "help": ["para qué sirves exactamente", "en qué eres bueno", "cómo debo hablarte", "muéstrame ejemplos de preguntas", "por qué empiezo", "asísteme por favor"],
    "goodbye": ["gracias y hasta luego", "eso es todo, chao", "me marcho ya", "tengo que salir, adiós", "adiós por hoy"],
    "my_meetings": ["qué está reservado {date}", "mis entrevistas confirmadas", "he programado algo", "cuál es mi plan para {date}", "mis citas de matchmaking"],
    "greet": ["hola, buen día tengas", "hola, encantada de conocerte", "ey, buenos días"],
    "out_of_scope": ["estoy triste", "me siento solo", "dónde está la farmacia más cercana", "cómprame un regalo", "iphone o samsung", "mi impresora no va",
                     "cuál es el PIB de Japón", "quién descubrió la gravedad", "cuántas patas tiene una araña", "hablemos de fútbol", "qué opinas de la política",
                     "dame una frase motivadora", "enséñame a tocar la guitarra", "cómo meditar", "qué es tendencia hoy", "dónde puedo aparcar",
                     "funciona el metro", "cómo llego al Bund", "mejores bares de Shanghái"],
}
MORE["ru"] = {
    "help": ["в чём твоя цель", "в чём ты силён", "как с тобой лучше говорить", "покажи примеры вопросов", "с чего мне начать", "помоги мне, пожалуйста"],
    "goodbye": ["спасибо и до свидания", "это всё, пока", "я выдвигаюсь", "надо идти, пока", "на сегодня пока"],
    "my_meetings": ["что забронировано на {date}", "мои подтверждённые переговоры", "я что-нибудь назначал", "какой у меня план {date}", "мои встречи по матчмейкингу"],
    "greet": ["здравствуйте, хорошего дня", "привет, рад знакомству", "хей, доброе утро"],
    "out_of_scope": ["мне грустно", "мне одиноко", "где ближайшая аптека", "купи мне подарок", "айфон или самсунг", "сломался принтер", "какой ВВП у Японии",
                     "кто открыл гравитацию", "сколько ног у паука", "давай поговорим о футболе", "что думаешь о политике", "дай мотивирующую цитату",
                     "научи играть на гитаре", "как медитировать", "что сегодня в тренде", "где припарковаться", "работает ли метро", "как доехать до Бунда",
                     "лучшие бары Шанхая"],
}
