"""Fifth round of phrasings, all eight languages: loanword and slangy chit-chat, more kinds
of help requests, checking one's own schedule, and a broader spread of out-of-scope topics
(health, shopping, devices, personal questions, small talk, general knowledge)."""

MORE = {}

MORE["en"] = {
    "greet": ["yo bot", "hey hey hey", "hello friend", "hi, good to see you", "good morning everyone", "hi assistant, you there?"],
    "goodbye": ["bye bye, take care", "goodnight and thanks", "I'll leave it there", "okay, I'm off now", "see ya tomorrow", "logging off"],
    "help": ["what kind of things can you do", "any tips on using you", "how can I search here", "what can I ask about the expo", "I need a hand",
             "could you guide me", "which commands work", "tell me how this works"],
    "my_meetings": ["what do I have booked", "show me today's meetings", "anything scheduled for me {date}", "list my confirmed meetings", "my meeting times"],
    "list_events": ["what's on in {city} this week", "{city} forums and fairs", "events I can join in {city}", "upcoming {product} seminars", "business events {date}"],
    "out_of_scope": ["I have a headache", "what should I take for a cold", "where can I buy shoes", "is there a sale on amazon", "my laptop won't turn on",
                     "how do I update my iphone", "what's your favourite movie", "do you have a girlfriend", "how's your day", "nice weather today huh",
                     "what's the tallest building in the world", "how many countries are in the world", "what's the speed of light", "when was China founded",
                     "write a rap song", "draw me a cat", "plan my vacation", "where should I go on holiday", "what's the best coffee shop around here",
                     "I lost my wallet", "call the police", "how to say thank you in Japanese"],
}
MORE["zh"] = {
    "greet": ["哟，机器人", "嘿嘿，你好", "朋友你好", "你好，见到你真好", "大家早上好", "助手你好，在吗"],
    "goodbye": ["拜拜，保重", "晚安，谢谢", "先到这里吧", "好了，我走啦", "明天见哈", "下线啦"],
    "help": ["你能做哪些事情", "有什么使用技巧", "这里怎么搜索", "进博会的事能问你吗", "需要你帮个忙", "能指导我一下吗", "有哪些命令", "跟我说说怎么用"],
    "my_meetings": ["我预约了哪些", "看看今天的会", "{date}我有安排吗", "我已确认的会议", "我的会议时间"],
    "list_events": ["{city}这周有什么活动", "{city}的论坛和展会", "{city}我能参加的活动", "近期{product}研讨会", "{date}的商务活动"],
    "out_of_scope": ["我头疼", "感冒吃什么药", "哪里买鞋", "淘宝有打折吗", "电脑开不了机", "苹果手机怎么升级", "你最喜欢什么电影", "你有女朋友吗",
                     "你今天过得怎么样", "今天天气不错啊", "世界最高的楼是哪个", "世界上有多少个国家", "光速是多少", "新中国哪年成立", "写首说唱",
                     "给我画只猫", "帮我规划假期", "去哪里度假好", "附近哪家咖啡好", "我钱包丢了", "帮我报警", "日语谢谢怎么说"],
}
MORE["ja"] = {
    "greet": ["よっ", "やあやあ", "こんにちは、お友達", "会えてうれしいです", "皆さんおはようございます", "アシスタントさん、いますか"],
    "goodbye": ["バイバイ、気をつけて", "おやすみ、ありがとう", "ここまでにします", "じゃあ行くね", "また明日ね〜", "ログアウトします"],
    "help": ["どんなことができますか", "使い方のコツは", "ここでどう検索するの", "博覧会について何が聞ける", "ちょっと手を貸して", "案内してもらえますか",
             "使えるコマンドは", "仕組みを教えて"],
    "my_meetings": ["何を予約してる？", "今日のミーティングを見せて", "{date}に予定はある？", "確定したミーティング一覧", "ミーティングの時間"],
    "list_events": ["今週の{city}のイベント", "{city}のフォーラムとフェア", "{city}で参加できる催し", "近日の{product}セミナー", "{date}のビジネスイベント"],
    "out_of_scope": ["頭が痛い", "風邪には何を飲めばいい", "靴はどこで買える", "アマゾンのセールは", "パソコンが起動しない", "iPhoneのアップデート方法",
                     "好きな映画は", "彼女はいるの", "今日はどんな一日", "いい天気ですね", "世界一高いビルは", "世界に国はいくつ", "光の速さは",
                     "ラップを書いて", "猫の絵を描いて", "旅行の計画を立てて", "休暇はどこに行けばいい", "近くのいいカフェ", "財布をなくした", "警察を呼んで"],
}
MORE["ko"] = {
    "greet": ["하이루", "헬로 헬로", "안녕 친구", "만나서 반가워요 안녕", "여러분 좋은 아침", "어시스턴트 있어요?"],
    "goodbye": ["바이바이, 조심히", "잘 자요, 고마워요", "여기까지 할게요", "그럼 이만 가요", "내일 봐~", "로그아웃할게요"],
    "help": ["어떤 걸 할 수 있어요", "사용 팁 있어요?", "여기서 어떻게 검색해요", "박람회에 대해 뭘 물어볼 수 있어요", "좀 도와줄래", "안내해 줄 수 있어요?",
             "쓸 수 있는 명령어", "작동 방식 알려줘"],
    "my_meetings": ["뭐 예약했지?", "오늘 미팅 보여줘", "{date}에 일정 있어?", "확정된 미팅 목록", "미팅 시간"],
    "list_events": ["이번 주 {city} 행사", "{city} 포럼이랑 페어", "{city}에서 참가 가능한 행사", "곧 있을 {product} 세미나", "{date} 비즈니스 행사"],
    "out_of_scope": ["머리가 아파", "감기약 뭐 먹어", "신발 어디서 사", "쿠팡 세일 해?", "노트북이 안 켜져", "아이폰 업데이트 방법", "좋아하는 영화는",
                     "여자친구 있어?", "오늘 하루 어땠어", "날씨 좋네", "세계에서 제일 높은 빌딩", "세계에 나라가 몇 개", "빛의 속도", "랩 가사 써줘",
                     "고양이 그려줘", "휴가 계획 짜줘", "휴가 어디 갈까", "근처 괜찮은 카페", "지갑 잃어버렸어", "경찰 불러줘"],
}
MORE["de"] = {
    "greet": ["jo Bot", "hey hey", "hallo Freund", "hi, schön dich zu sehen", "guten Morgen allerseits", "hallo Assistent, bist du da?"],
    "goodbye": ["tschüss, pass auf dich auf", "gute Nacht und danke", "ich lass es dabei", "okay, ich bin dann weg", "bis morgen dann, ciao", "ich logge mich aus"],
    "help": ["was für Sachen kannst du", "hast du Tipps zur Bedienung", "wie suche ich hier", "was kann ich zur Messe fragen", "ich bräuchte Hilfe",
             "kannst du mich anleiten", "welche Befehle gibt es", "sag mir wie das funktioniert"],
    "my_meetings": ["was habe ich gebucht", "zeig mir die Termine von heute", "ist {date} etwas für mich geplant", "meine bestätigten Termine", "meine Terminzeiten"],
    "list_events": ["was läuft diese Woche in {city}", "Foren und Messen in {city}", "Events, an denen ich in {city} teilnehmen kann", "bald {product} Seminare", "Business-Events {date}"],
    "out_of_scope": ["ich habe Kopfschmerzen", "was nehme ich gegen Erkältung", "wo kaufe ich Schuhe", "gibt es einen Sale bei Amazon", "mein Laptop startet nicht",
                     "wie aktualisiere ich mein iPhone", "was ist dein Lieblingsfilm", "hast du eine Freundin", "wie war dein Tag", "schönes Wetter heute, oder",
                     "höchstes Gebäude der Welt", "wie viele Länder gibt es", "Lichtgeschwindigkeit", "schreib einen Rap", "mal mir eine Katze",
                     "plane meinen Urlaub", "wohin soll ich in den Urlaub", "gutes Café in der Nähe", "ich habe meine Geldbörse verloren", "ruf die Polizei"],
}
MORE["fr"] = {
    "greet": ["yo le bot", "hé hé salut", "salut l'ami", "bonjour, content de te voir", "bonjour tout le monde", "assistant, tu es là ?"],
    "goodbye": ["salut, prends soin de toi", "bonne nuit et merci", "je m'arrête là", "ok, j'y vais", "à demain alors, ciao", "je me déconnecte"],
    "help": ["quel genre de choses tu fais", "des astuces pour t'utiliser", "comment chercher ici", "que puis-je demander sur le salon", "j'aurais besoin d'un coup de main",
             "tu peux me guider", "quelles commandes marchent", "dis-moi comment ça marche"],
    "my_meetings": ["qu'ai-je de réservé", "montre-moi les réunions d'aujourd'hui", "y a-t-il quelque chose de prévu pour moi {date}", "mes réunions confirmées", "horaires de mes rendez-vous"],
    "list_events": ["quoi de prévu à {city} cette semaine", "forums et foires à {city}", "événements ouverts à {city}", "prochains séminaires {product}", "événements d'affaires {date}"],
    "out_of_scope": ["j'ai mal à la tête", "quoi prendre pour un rhume", "où acheter des chaussures", "il y a des soldes sur amazon", "mon ordi ne démarre plus",
                     "comment mettre à jour mon iphone", "ton film préféré", "tu as une copine", "ta journée s'est bien passée", "il fait beau aujourd'hui, hein",
                     "plus haut bâtiment du monde", "combien de pays dans le monde", "vitesse de la lumière", "écris un rap", "dessine-moi un chat",
                     "organise mes vacances", "où partir en vacances", "un bon café dans le coin", "j'ai perdu mon portefeuille", "appelle la police"],
}
MORE["es"] = {
    "greet": ["ey bot", "hola hola hola", "hola amigo", "hola, me alegra verte", "buenos días a todo el mundo", "asistente, ¿estás ahí?"],
    "goodbye": ["chao, cuídate mucho", "buenas noches y gracias", "lo dejo aquí", "vale, me marcho", "hasta mañana pues, chao", "me desconecto"],
    "help": ["qué tipo de cosas haces", "algún consejo para usarte", "cómo busco aquí", "qué puedo preguntar sobre la feria", "me echas una mano",
             "puedes guiarme", "qué comandos funcionan", "dime cómo funciona"],
    "my_meetings": ["qué tengo reservado", "enséñame las reuniones de hoy", "hay algo previsto para mí {date}", "mis reuniones confirmadas", "horarios de mis citas"],
    "list_events": ["qué hay en {city} esta semana", "foros y ferias en {city}", "eventos abiertos en {city}", "próximos seminarios de {product}", "eventos de negocios {date}"],
    "out_of_scope": ["me duele la cabeza", "qué tomo para el resfriado", "dónde compro zapatos", "hay rebajas en amazon", "mi portátil no enciende",
                     "cómo actualizo mi iphone", "tu película favorita", "tienes novia", "qué tal tu día", "buen tiempo hoy, ¿eh?",
                     "edificio más alto del mundo", "cuántos países hay en el mundo", "velocidad de la luz", "escribe un rap", "dibújame un gato",
                     "planifica mis vacaciones", "adónde voy de vacaciones", "una buena cafetería cerca", "perdí mi cartera", "llama a la policía"],
}
MORE["ru"] = {
    "greet": ["йо, бот", "хей-хей", "привет, друг", "привет, рад тебя видеть", "всем доброе утро", "ассистент, ты здесь?"],
    "goodbye": ["пока, береги себя", "спокойной ночи и спасибо", "на этом остановлюсь", "ладно, я пошёл", "до завтра тогда, чао", "выхожу из чата"],
    "help": ["какие вещи ты умеешь", "есть советы, как тобой пользоваться", "как тут искать", "что можно спросить о выставке", "нужна твоя помощь",
             "можешь меня сориентировать", "какие команды работают", "расскажи, как это устроено"],
    "my_meetings": ["что у меня забронировано", "покажи сегодняшние встречи", "есть ли у меня планы {date}", "мои подтверждённые встречи", "время моих встреч"],
    "list_events": ["что будет в {city} на этой неделе", "форумы и ярмарки в {city}", "открытые мероприятия в {city}", "ближайшие семинары по теме {product}", "деловые события {date}"],
    "out_of_scope": ["у меня болит голова", "что принять от простуды", "где купить обувь", "есть ли скидки на озоне", "ноутбук не включается",
                     "как обновить айфон", "твой любимый фильм", "у тебя есть девушка", "как прошёл твой день", "хорошая погода сегодня, да",
                     "самое высокое здание в мире", "сколько стран в мире", "скорость света", "напиши рэп", "нарисуй кота",
                     "спланируй мой отпуск", "куда поехать в отпуск", "хорошая кофейня рядом", "я потерял кошелёк", "вызови полицию"],
}
