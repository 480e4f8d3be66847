"""Entity values per language for the NLU training data (raw spellings users type)."""

PRODUCT = {
    "en": ["medical devices", "wine", "cheese", "industrial robots", "cosmetics", "olive oil", "coffee", "seafood", "electric vehicles", "skincare", "baby formula", "jewellery", "agricultural machinery", "MRI", "chocolate", "whisky", "auto parts", "semiconductors", "honey", "dairy", "logistics", "beef", "avocado", "health supplements"],
    "zh": ["医疗器械", "葡萄酒", "红酒", "奶酪", "工业机器人", "化妆品", "橄榄油", "咖啡", "海鲜", "新能源汽车", "护肤品", "奶粉", "珠宝", "农机", "巧克力", "威士忌", "汽车零部件", "芯片", "蜂蜜", "乳制品", "物流", "牛肉", "牛油果", "保健品", "robot", "红酒"],
    "ja": ["医療機器", "ワイン", "チーズ", "産業用ロボット", "化粧品", "オリーブオイル", "コーヒー", "水産物", "電気自動車", "スキンケア", "粉ミルク", "宝飾品", "農業機械", "チョコレート", "ウイスキー", "半導体", "はちみつ", "乳製品", "牛肉", "サプリメント"],
    "ko": ["의료기기", "와인", "치즈", "산업용 로봇", "화장품", "올리브유", "커피", "수산물", "전기차", "스킨케어", "분유", "보석", "농기계", "초콜릿", "위스키", "반도체", "꿀", "유제품", "소고기", "건강기능식품"],
    "de": ["Medizintechnik", "Wein", "Käse", "Industrieroboter", "Kosmetik", "Olivenöl", "Kaffee", "Meeresfrüchte", "Elektroautos", "Hautpflege", "Babynahrung", "Schmuck", "Landmaschinen", "Schokolade", "Whisky", "Autoteile", "Halbleiter", "Honig", "Milchprodukte", "Rindfleisch", "Traktoren"],
    "fr": ["dispositifs médicaux", "vin", "fromage", "robots industriels", "cosmétiques", "huile d'olive", "café", "fruits de mer", "véhicules électriques", "soins de la peau", "lait infantile", "bijoux", "machines agricoles", "chocolat", "cognac", "pièces automobiles", "semi-conducteurs", "miel", "produits laitiers", "bœuf", "champagne"],
    "es": ["dispositivos médicos", "vino", "queso", "robots industriales", "cosméticos", "aceite de oliva", "café", "mariscos", "vehículos eléctricos", "cuidado de la piel", "leche infantil", "joyería", "maquinaria agrícola", "chocolate", "jamón", "autopartes", "semiconductores", "miel", "lácteos", "carne", "aguacate"],
    "ru": ["медицинское оборудование", "вино", "сыр", "промышленные роботы", "косметика", "оливковое масло", "кофе", "морепродукты", "электромобили", "уход за кожей", "детское питание", "ювелирные изделия", "сельхозтехника", "шоколад", "водка", "автозапчасти", "полупроводники", "мёд", "молочная продукция", "говядина"],
}
COUNTRY = {
    "en": ["Germany", "German", "France", "French", "Japan", "Japanese", "Australia", "Australian", "Italy", "Italian", "Spain", "Chile", "New Zealand", "Korea", "Swiss", "Switzerland", "USA", "American", "Brazil", "Thailand", "Canada", "Kenya", "Russia"],
    "zh": ["德国", "法国", "日本", "澳大利亚", "澳洲", "意大利", "西班牙", "智利", "新西兰", "韩国", "瑞士", "美国", "巴西", "泰国", "加拿大", "肯尼亚", "俄罗斯", "Germany", "荷兰"],
    "ja": ["ドイツ", "フランス", "イタリア", "オーストラリア", "スペイン", "チリ", "ニュージーランド", "韓国", "スイス", "アメリカ", "ブラジル", "タイ", "カナダ", "ロシア", "日本"],
    "ko": ["독일", "프랑스", "일본", "호주", "이탈리아", "스페인", "칠레", "뉴질랜드", "스위스", "미국", "브라질", "태국", "캐나다", "러시아"],
    "de": ["Deutschland", "deutsche", "Frankreich", "französische", "Japan", "japanische", "Australien", "Italien", "italienische", "Spanien", "Chile", "Neuseeland", "Korea", "Schweiz", "Schweizer", "USA", "Brasilien", "Österreich"],
    "fr": ["Allemagne", "allemands", "France", "français", "Japon", "japonais", "Australie", "Italie", "italiens", "Espagne", "Chili", "Nouvelle-Zélande", "Corée", "Suisse", "suisses", "États-Unis", "Brésil", "Belgique"],
    "es": ["Alemania", "alemanes", "Francia", "franceses", "Japón", "japoneses", "Australia", "Italia", "italianos", "España", "Chile", "Nueva Zelanda", "Corea", "Suiza", "Estados Unidos", "Brasil", "Argentina", "Perú", "México"],
    "ru": ["Германии", "Германия", "немецкие", "Франции", "французские", "Японии", "японские", "Австралии", "Италии", "Испании", "Чили", "Новой Зеландии", "Кореи", "Швейцарии", "США", "Бразилии", "Казахстана"],
}
# Adjective and demonym forms ("German wine", "vins allemands", "독일산"), all known to
# data/taxonomy/countries.yml or CLDR so the app can normalise them. Annotated as country.
COUNTRY_ADJ = {
    "en": ["German", "French", "Italian", "Spanish", "Japanese", "Korean", "American", "British", "Swiss", "Australian", "Canadian", "Dutch", "Belgian", "Chilean", "Brazilian", "Mexican", "Thai", "Vietnamese", "Kenyan", "Turkish", "Danish", "Swedish", "Irish", "Greek", "New Zealand"],
    "zh": [],
    "ja": [],
    "ko": ["독일산", "프랑스산", "이탈리아산", "스페인산", "일본산", "한국산", "미국산", "영국산", "스위스산", "호주산", "캐나다산", "칠레산", "브라질산", "태국산", "뉴질랜드산"],
    "de": ["deutsche", "deutschen", "französische", "italienische", "japanische", "spanische", "Schweizer", "amerikanische", "australische", "kanadische", "niederländische", "belgische", "österreichische", "brasilianische", "koreanische", "russische", "griechische", "polnische"],
    "fr": ["allemands", "allemande", "allemand", "français", "française", "françaises", "japonais", "japonaise", "italien", "italienne", "espagnol", "espagnole", "suisse", "américain", "américaine", "australien", "chilien", "canadien", "néerlandais", "belge", "brésilien", "coréen", "mexicain", "argentin"],
    "es": ["alemán", "alemana", "alemanes", "francés", "francesa", "franceses", "italiano", "italiana", "español", "española", "españoles", "japonés", "japonesa", "chileno", "chilena", "suizo", "suiza", "estadounidense", "brasileño", "argentino", "mexicano", "peruano", "coreano", "australiano", "canadiense", "holandés"],
    "ru": ["немецкие", "немецкий", "французские", "французский", "японские", "японский", "итальянские", "итальянский", "испанские", "американские", "австралийские", "швейцарские", "корейские", "российские", "бразильский", "чилийский", "канадский", "британские"],
}
CITY = {
    "en": ["Suzhou", "Hangzhou", "Nanjing", "Ningbo", "Hefei", "Wuxi", "Jiaxing", "Shanghai", "Nantong", "Yiwu", "Wuhu", "Shaoxing", "Changzhou", "Huzhou", "Yangzhou"],
    "zh": ["苏州", "杭州", "南京", "宁波", "合肥", "无锡", "嘉兴", "上海", "南通", "义乌", "芜湖", "绍兴", "常州", "湖州", "扬州", "Suzhou"],
    "ja": ["蘇州", "杭州", "南京", "寧波", "合肥", "無錫", "嘉興", "上海", "南通", "義烏", "紹興", "常州"],
    "ko": ["쑤저우", "항저우", "난징", "닝보", "허페이", "우시", "자싱", "상하이", "난퉁", "이우", "사오싱", "창저우"],
    "de": ["Suzhou", "Hangzhou", "Nanjing", "Nanking", "Ningbo", "Hefei", "Wuxi", "Jiaxing", "Shanghai", "Nantong", "Yiwu", "Wuhu"],
    "fr": ["Suzhou", "Hangzhou", "Nankin", "Nanjing", "Ningbo", "Hefei", "Wuxi", "Jiaxing", "Shanghai", "Nantong", "Yiwu", "Shaoxing"],
    "es": ["Suzhou", "Hangzhou", "Nankín", "Nanjing", "Ningbo", "Hefei", "Wuxi", "Jiaxing", "Shanghái", "Nantong", "Yiwu", "Changzhou"],
    "ru": ["Сучжоу", "Ханчжоу", "Нанкине", "Нанкин", "Нинбо", "Хэфэй", "Уси", "Цзясин", "Шанхае", "Наньтун", "Иу", "Шаосин"],
}
COMPANY = {
    "all": ["Nordic Medtech", "Alpine Dairy", "Sakura Robotics", "Kangaroo Valley Wines", "Fromagerie Belle Provence", "Rhein Landtechnik", "Siemens Healthineers", "AstraZeneca", "Hyundai", "Dole", "Golden Foods", "Fuji Robotics", "Volga Pharma", "Andes Vineyards", "Lotus Beauty", "Baltic Seafood", "Evergreen Health", "Crown Motors", "Aurora Medtech", "Toscana Gourmet", "Summit Logistics", "Hanbit Cosmetics", "Bergland Machinery", "Sol Dairy",
            # Short, one-word brand names as visitors type them ("找 Siemens 的展位").
            "Siemens", "Bosch", "Philips", "Nestlé", "Danone", "BASF", "L'Oréal", "Samsung", "Panasonic", "Unilever", "Medtronic", "Fonterra",
            "Lactalis", "Bayer", "Roche", "ABB", "Kuka", "Schneider Electric"],
    "zh": ["阿尔卑斯乳业", "北欧医疗科技", "樱花机器人", "袋鼠谷酒庄", "莱茵农机", "普罗旺斯奶酪坊", "西门子", "飞利浦", "雀巢", "达能", "拜耳"],
}
HALL = ["8.2", "6.1", "7.2", "4.1", "1.1", "5.2", "3.1", "2.1", "6.2", "8.1"]
AREA = {
    "en": ["food and agricultural products", "medical equipment", "consumer goods", "technical equipment", "automobile", "trade in services", "food area", "healthcare"],
    "zh": ["食品及农产品", "医疗器械及医药保健", "消费品", "技术装备", "汽车", "服务贸易", "医疗器械", "食品"],
    "ja": ["食品・農産物", "医療機器・医薬保健", "消費財", "技術装備", "自動車", "サービス貿易"],
    "ko": ["식품 및 농산물", "의료기기 및 의약보건", "소비재", "기술장비", "자동차", "서비스 무역"],
    "de": ["Lebensmittel und Agrarprodukte", "Medizintechnik und Gesundheit", "Konsumgüter", "technische Ausrüstung", "Automobil", "Dienstleistungshandel"],
    "fr": ["produits alimentaires et agricoles", "équipements médicaux", "biens de consommation", "équipements techniques", "automobile", "commerce des services"],
    "es": ["alimentos y productos agrícolas", "equipos médicos", "bienes de consumo", "equipos técnicos", "automóviles", "comercio de servicios"],
    "ru": ["продукты питания и сельхозпродукция", "медицинское оборудование и здравоохранение", "потребительские товары", "техническое оборудование", "автомобили", "торговля услугами"],
}
DATE = {
    "en": ["tomorrow", "today", "Thursday", "next Monday", "November 6", "this weekend", "next week", "the day after tomorrow"],
    "zh": ["明天", "今天", "周四", "下周一", "11月6日", "这周末", "下周", "后天"],
    "ja": ["明日", "今日", "木曜日", "来週の月曜日", "11月6日", "今週末", "来週", "明後日"],
    "ko": ["내일", "오늘", "목요일", "다음 주 월요일", "11월 6일", "이번 주말", "다음 주", "모레"],
    "de": ["morgen", "heute", "Donnerstag", "nächsten Montag", "6. November", "am Wochenende", "nächste Woche", "übermorgen"],
    "fr": ["demain", "aujourd'hui", "jeudi", "lundi prochain", "6 novembre", "ce week-end", "la semaine prochaine", "après-demain"],
    "es": ["mañana", "hoy", "jueves", "el próximo lunes", "6 de noviembre", "este fin de semana", "la próxima semana", "pasado mañana"],
    "ru": ["завтра", "сегодня", "в четверг", "в следующий понедельник", "6 ноября", "на выходных", "на следующей неделе", "послезавтра"],
}
TIME = {
    "en": ["10am", "10:30", "2pm", "3 pm", "9:00", "11 o'clock", "16:00"],
    "zh": ["上午10点", "下午两点", "10:30", "下午3点", "9点", "上午十一点"],
    "ja": ["午前10時", "午後2時", "10時半", "15時", "9時"],
    "ko": ["오전 10시", "오후 2시", "10시 30분", "오후 3시", "9시"],
    "de": ["10 Uhr", "14 Uhr", "10:30", "15:00 Uhr", "9 Uhr"],
    "fr": ["10h", "14h", "10h30", "15 heures", "9h"],
    "es": ["las 10", "las 14:00", "las 10:30", "las 3 de la tarde", "las 9"],
    "ru": ["10 утра", "14:00", "10:30", "3 часа дня", "9 утра"],
}
LANGUAGE = {
    "en": ["English", "Chinese", "German", "Japanese", "French", "Spanish", "Russian", "Korean"],
    "zh": ["中文", "英文", "英语", "德语", "日语", "法语", "俄语", "韩语", "西班牙语"],
    "ja": ["日本語", "英語", "中国語", "ドイツ語", "フランス語", "韓国語"],
    "ko": ["한국어", "영어", "중국어", "일본어", "독일어", "러시아어"],
    "de": ["Deutsch", "Englisch", "Chinesisch", "Französisch", "Japanisch", "Russisch"],
    "fr": ["français", "anglais", "chinois", "allemand", "espagnol", "japonais"],
    "es": ["español", "inglés", "chino", "alemán", "francés", "ruso"],
    "ru": ["русский", "английский", "китайский", "немецкий", "французский", "японский"],
}
