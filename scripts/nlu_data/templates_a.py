"""Phrasings per intent and language: zh, en, ja, ko. {slot} marks an annotated entity."""

T = {}

T["en"] = {
    "greet": ["hi", "hello", "hello there", "hey", "good morning", "good afternoon", "hi bot", "hiya", "greetings", "hey there!", "good evening", "helo"],
    "goodbye": ["bye", "goodbye", "see you", "see you later", "that's all, bye", "ciao", "good night", "bye bye", "talk later", "i'm done, thanks bye"],
    "thank": ["thanks", "thank you", "thx", "many thanks", "thank you very much", "great, thanks!", "cheers", "much appreciated", "thanks a lot", "ty"],
    "affirm": ["yes", "yes please", "ok", "okay", "sure", "correct", "that's right", "yep", "sounds good", "absolutely", "yeah", "of course"],
    "deny": ["no", "no thanks", "nope", "not now", "never mind", "no, that's wrong", "not really", "nah", "don't", "cancel that"],
    "help": ["help", "what can you do?", "how does this work", "what can I ask you", "show me the menu", "I need help", "what are your features", "how do I use this bot", "options please", "what do you know?"],
    "search_exhibitors": [
        "find {product} exhibitors", "{country} {product} exhibitors", "who sells {product}?", "show me exhibitors of {product} from {country}",
        "I'm looking for {product} suppliers", "any {product} companies at the expo?", "exhibitors from {country}", "list exhibitors in hall {hall}",
        "which companies in the {area} area", "search {product}", "{product} from {country} please", "are there {country} companies selling {product}?",
        "find exhibitors in hall {hall} selling {product}", "I want to buy {product}", "looking for {product} exporters from {country}", "exhibitors in the {area} area from {country}",
        "show {product} booths", "who exhibits {product} in hall {hall}", "find suppliers of {product}", "{product}",
    ],
    "exhibitor_info": [
        "where is the booth of {company}", "where is {company}?", "{company} booth", "tell me about {company}", "contact of {company}",
        "how can I reach {company}", "show me {company}", "what does {company} sell?", "which hall is {company} in", "{company} contact details",
        "booth number of {company}", "info on {company} please", "where can I find {company}", "email of {company}",
    ],
    "book_meeting": [
        "book a meeting with {company}", "I want to meet {company} {date} at {time}", "schedule a meeting with {company} {date}", "can I meet {company} at {time}?",
        "arrange a matchmaking meeting with {company}", "set up a meeting with {company} {date}", "book {company} for {time} {date}", "I'd like an appointment with {company}",
        "meeting with {company} {date} {time} please", "reserve a slot with {company}",
    ],
    "my_meetings": ["my meetings", "show my meetings", "what meetings do I have {date}?", "list my appointments", "my schedule", "which meetings did I book", "do I have meetings {date}", "show my bookings", "my agenda for {date}", "upcoming meetings"],
    "cancel_meeting": ["cancel my meeting with {company}", "cancel the meeting {date}", "I can't make it to {company}, cancel", "delete my appointment with {company}", "cancel my booking", "please cancel the meeting with {company} {date}", "drop my meeting {date}", "call off the {company} meeting"],
    "list_events": [
        "events in {city}", "what's happening in {city}?", "any spillover events in {city} {date}?", "post-expo events in {city}", "show events",
        "{product} events in {city}", "trade fairs in {city} {date}", "what events are there {date}", "events about {product}", "list events in {city} please",
        "is there anything in {city} {date}", "upcoming events near {city}", "exhibitions after the expo in {city}", "events for {product} buyers",
    ],
    "subscribe_alerts": ["subscribe to events in {city}", "alert me about events in {city}", "notify me about {product} events", "I want updates on {city} events", "send me alerts for {city}", "subscribe to {product} events in {city}", "keep me posted about events in {city}", "turn on alerts for {city}"],
    "unsubscribe_alerts": ["unsubscribe from {city}", "stop alerts", "stop sending me alerts about {city}", "turn off notifications", "unsubscribe", "no more alerts for {city} please", "cancel my subscription for {city}", "mute event alerts"],
    "set_language": ["switch to {language}", "speak {language}", "change language to {language}", "{language} please", "can you answer in {language}?", "reply in {language}", "change the language", "I prefer {language}", "set language {language}"],
    "out_of_scope": [
        "what's the weather tomorrow", "tell me a joke", "write an essay about climate change", "who won the football match", "what is the bitcoin price",
        "should I buy Tesla stock", "recipe for dumplings", "write python code for sorting", "who is the president of France", "sing a song",
        "what's 2+2", "recommend a movie", "how old are you", "translate this poem into Latin", "book me a flight to Beijing", "what's the best phone",
        "are you married?", "play some music", "how do I lose weight", "order a taxi", "what's the capital of Peru", "write my homework",
    ],
}
T["en_lingang"] = {
    "tax": ["Lingang corporate income tax", "what tax incentives does Lingang offer?", "is there a 15% tax rate in Lingang", "Lingang tax breaks for chip companies", "tax policy in the Lingang New Area", "EIT reduction Lingang", "do AI firms pay less tax in Lingang?", "Lingang tax benefits"],
    "company_setup": ["how do I register a company in Lingang?", "set up a foreign company in Lingang", "Lingang company registration", "steps to open a WFOE in Lingang", "can foreigners incorporate in Lingang", "business registration Lingang New Area", "establishing a subsidiary in Lingang"],
    "work_visa": ["work permit for foreigners in Lingang", "Lingang visa rules", "how do my foreign staff get visas in Lingang", "Lingang e-visa", "residence permit Lingang", "talent visa Lingang New Area", "can expats work in Lingang"],
    "bonded_zone": ["what is the Yangshan bonded zone", "Yangshan special comprehensive bonded zone customs", "bonded zone in Lingang", "customs clearance Yangshan", "how does the Yangshan bonded area work", "Lingang bonded warehouse rules"],
    "data_transfer": ["cross-border data transfer Lingang", "can I send data abroad from Lingang", "Lingang data export rules", "data compliance in Lingang", "general data list Lingang", "personal data transfer out of China from Lingang"],
    "negative_list": ["foreign investment negative list", "which sectors are restricted for foreign investors", "is manufacturing open to foreign investment", "Lingang negative list", "restricted industries for foreigners", "2024 negative list"],
    "finance": ["FT account Lingang", "how to open a free trade account", "cross-border payments in Lingang", "Lingang financing for foreign firms", "what is an FT account", "free trade accounting unit Lingang"],
    "key_industries": ["which industries does Lingang focus on", "key industries of Lingang", "Lingang industrial focus", "what sectors are in Lingang New Area", "is Lingang good for biomedicine", "Lingang priority industries"],
    "contact": ["Lingang service center contact", "who do I contact in Lingang", "Lingang administration phone number", "official help for Lingang", "address of the Lingang committee", "where can I get official Lingang advice"],
}

T["zh"] = {
    "greet": ["你好", "您好", "嗨", "早上好", "下午好", "哈喽", "你好啊", "在吗", "晚上好", "hi 你好", "您好，请问", "嗨嗨"],
    "goodbye": ["再见", "拜拜", "回头见", "先这样，再见", "下次聊", "晚安", "好的再见", "bye", "没事了，再见", "走了"],
    "thank": ["谢谢", "多谢", "谢谢你", "非常感谢", "感谢", "好的谢谢", "thx 谢谢", "太感谢了", "谢啦", "辛苦了"],
    "affirm": ["是的", "好的", "对", "可以", "没问题", "行", "嗯", "确定", "好啊", "对的", "ok", "没错"],
    "deny": ["不", "不用了", "不是", "不要", "算了", "不对", "暂时不用", "不需要", "no", "不了"],
    "help": ["帮助", "你能做什么", "怎么用", "有什么功能", "菜单", "我需要帮助", "你会什么", "使用说明", "能帮我干嘛", "功能介绍"],
    "search_exhibitors": [
        "找{product}展商", "有没有{country}的{product}展商", "{country}{product}", "我想找{product}供应商", "哪些展商卖{product}",
        "{hall}馆有哪些展商", "{area}展区的展商", "搜索{product}", "推荐几家{country}的{product}企业", "{country}的展商有哪些",
        "找 {product} 的展商", "有{product}吗", "我要采购{product}", "{hall}馆的{product}展商", "{country}有哪些{product}公司参展",
        "帮我找一下{product}", "查{area}展区", "找{country}展商", "{product}展位在哪", "有没有 {country} 的 {product} 展商",
    ],
    "exhibitor_info": [
        "{company}的展位在哪", "{company}在哪里", "{company}展位", "介绍一下{company}", "{company}的联系方式", "怎么联系{company}",
        "找 {company} 的展位", "{company}在几号馆", "{company}是做什么的", "{company}的邮箱", "查一下{company}", "{company}展位号",
    ],
    "book_meeting": ["预约{company}", "我想{date}{time}和{company}见面", "帮我约{company}{date}", "和{company}预约洽谈", "预约{company}的一对一洽谈", "{date}{time}约{company}", "安排和{company}的会议", "我要跟{company}开会", "预定{company}的时间", "约见{company}"],
    "my_meetings": ["我的会议", "我的预约", "查看我的日程", "{date}有什么会", "我约了哪些展商", "我的洽谈安排", "{date}的会议", "列出我的预约", "我的行程", "我有几个会"],
    "cancel_meeting": ["取消和{company}的会议", "取消{date}的预约", "不去{company}了，取消吧", "删除我的预约", "取消预约", "取消{company}{date}的洽谈", "撤销我的会议", "把{company}的会取消"],
    "list_events": ["{city}有什么活动", "{city}的活动", "{date}{city}有活动吗", "{city}进博会溢出活动", "最近有什么活动", "{city}{product}活动", "{date}有哪些展会", "关于{product}的活动", "列出{city}的活动", "{city}近期展会", "展后{city}有什么对接会", "events in {city}"],
    "subscribe_alerts": ["订阅{city}的活动", "{city}有活动提醒我", "订阅{product}活动通知", "我想收到{city}的活动推送", "开启{city}活动提醒", "订阅{city}{product}活动", "有新活动通知我", "关注{city}的活动"],
    "unsubscribe_alerts": ["取消订阅{city}", "停止提醒", "不要再推送{city}的活动", "关闭通知", "退订", "取消{city}的活动提醒", "别再发提醒了", "取消订阅"],
    "set_language": ["切换到{language}", "请用{language}", "换成{language}", "{language}", "改成{language}回答", "语言设置", "用{language}回复我", "我要{language}"],
    "out_of_scope": ["明天天气怎么样", "讲个笑话", "帮我写一篇作文", "昨晚的球赛谁赢了", "比特币多少钱", "推荐一只股票", "饺子怎么包", "写一段python代码", "你几岁了", "给我唱首歌", "推荐一部电影", "帮我订机票", "你结婚了吗", "播放音乐", "怎么减肥", "帮我叫个车", "一加一等于几", "写首诗"],
}
T["zh_lingang"] = {
    "tax": ["临港企业所得税优惠", "临港有什么税收优惠", "临港15%所得税", "临港集成电路企业税率", "临港新片区税收政策", "临港减税", "人工智能企业在临港交多少税", "临港税收"],
    "company_setup": ["怎么在临港注册公司", "外资企业在临港设立流程", "临港公司注册", "在临港开外商独资企业", "临港办营业执照", "外国人能在临港开公司吗", "临港设立子公司"],
    "work_visa": ["临港外国人工作许可", "临港签证政策", "外籍员工怎么办签证", "临港电子签证", "临港居留许可", "临港人才签证", "外国人在临港工作"],
    "bonded_zone": ["洋山特殊综合保税区是什么", "洋山综保区海关政策", "临港保税区", "洋山港通关", "洋山特殊综保区怎么运作", "临港保税仓库"],
    "data_transfer": ["临港数据跨境", "数据能从临港传到国外吗", "临港数据出境规则", "临港一般数据清单", "临港数据合规", "个人信息出境临港"],
    "negative_list": ["外商投资负面清单", "哪些行业限制外资", "制造业对外资开放了吗", "临港负面清单", "外资禁止领域", "2024版负面清单"],
    "finance": ["临港FT账户", "怎么开自由贸易账户", "临港跨境支付", "临港外企融资", "什么是FT账户", "自由贸易账户政策"],
    "key_industries": ["临港重点产业", "临港主要发展哪些产业", "临港产业方向", "临港适合生物医药吗", "临港聚焦什么行业", "临港前沿产业"],
    "contact": ["临港服务中心联系方式", "临港管委会电话", "临港管委会地址", "去哪里咨询临港政策", "临港官方咨询", "临港投资服务中心"],
}

T["ja"] = {
    "greet": ["こんにちは", "おはようございます", "こんばんは", "はじめまして", "どうも", "やあ", "こんにちは！", "よろしくお願いします", "ハロー", "もしもし"],
    "goodbye": ["さようなら", "またね", "では失礼します", "バイバイ", "おやすみなさい", "また今度", "じゃあね", "これで終わります"],
    "thank": ["ありがとう", "ありがとうございます", "どうもありがとう", "助かりました", "感謝します", "サンキュー", "ありがとね", "本当にありがとうございます"],
    "affirm": ["はい", "そうです", "いいですよ", "オーケー", "お願いします", "もちろん", "ええ", "了解", "大丈夫です", "それでいいです"],
    "deny": ["いいえ", "結構です", "違います", "いらないです", "やめておきます", "今はいいです", "ちがう", "ノー"],
    "help": ["ヘルプ", "何ができますか", "使い方を教えて", "メニュー", "助けて", "どんな機能がありますか", "何を聞けばいい？", "使い方"],
    "search_exhibitors": ["{product}の出展者", "{country}の{product}の出展者を探して", "{product}を扱う企業は？", "{country}の出展者", "{hall}ホールの出展者", "{area}エリアの出展企業", "{product}のサプライヤーを探しています", "{product}を探して", "{country}の{product}メーカーはありますか", "{product}を売っている会社", "{hall}ホールで{product}を扱う出展者", "{product}を仕入れたい"],
    "exhibitor_info": ["{company}のブースはどこですか", "{company}はどこ？", "{company}の連絡先", "{company}について教えて", "{company}のブース番号", "{company}は何ホール？", "{company}の詳細", "{company}に連絡したい"],
    "book_meeting": ["{company}とのミーティングを予約", "{date}{time}に{company}と会いたい", "{company}との商談を予約したい", "{company}とアポを取って", "{date}に{company}と面談", "{company}の商談枠を予約"],
    "my_meetings": ["私のミーティング", "予約一覧", "{date}の予定は？", "私のスケジュール", "予約した商談を見せて", "今後のミーティング"],
    "cancel_meeting": ["{company}とのミーティングをキャンセル", "{date}の予約を取り消して", "商談をキャンセルしたい", "{company}の予約をやめます", "予約を削除して"],
    "list_events": ["{city}のイベント", "{city}で何かイベントはありますか", "{date}{city}のイベント", "{product}関連のイベント", "イベント一覧", "{city}の展示会", "博覧会後の{city}のイベント", "{date}のイベントは？"],
    "subscribe_alerts": ["{city}のイベントを購読", "{city}のイベントを通知して", "{product}のイベント通知がほしい", "{city}のアラートをオンに", "新しいイベントを知らせて"],
    "unsubscribe_alerts": ["{city}の購読を解除", "通知を止めて", "アラートをオフ", "購読解除", "{city}の通知はもういりません"],
    "set_language": ["{language}に切り替えて", "{language}で話して", "言語を{language}に変更", "{language}でお願いします", "言語設定", "{language}で返事して"],
    "out_of_scope": ["明日の天気は？", "冗談を言って", "作文を書いて", "昨日の試合の結果は", "株価を教えて", "カレーのレシピ", "プログラムを書いて", "歌を歌って", "おすすめの映画は", "タクシーを呼んで", "あなたは何歳？", "詩を書いて"],
}
T["ja_lingang"] = {
    "tax": ["臨港の法人税優遇", "臨港新片区の税制優遇は？", "臨港で15%の法人税", "臨港の半導体企業の税率", "臨港の税金について"],
    "company_setup": ["臨港で会社を設立するには", "臨港での外資企業の登記", "臨港に子会社を作りたい", "臨港の会社設立手続き", "外国人は臨港で起業できますか"],
    "work_visa": ["臨港の外国人就労許可", "臨港のビザ", "外国人社員のビザは", "臨港の電子ビザ", "臨港の居留許可"],
    "bonded_zone": ["洋山特殊総合保税区とは", "洋山保税区の税関", "臨港の保税区", "洋山港の通関", "保税エリアの仕組み"],
    "data_transfer": ["臨港のデータ越境移転", "臨港からデータを海外に送れますか", "データ輸出のルール", "臨港の一般データリスト", "個人情報の国外移転"],
    "negative_list": ["外商投資ネガティブリスト", "外資が制限される業種", "製造業は外資に開放？", "臨港のネガティブリスト", "2024年版ネガティブリスト"],
    "finance": ["臨港のFT口座", "自由貿易口座の開設", "臨港のクロスボーダー決済", "FT口座とは", "臨港での資金調達"],
    "key_industries": ["臨港の重点産業", "臨港はどんな産業に注力？", "臨港の産業分野", "臨港はバイオ医薬に向いている？", "臨港の先端産業"],
    "contact": ["臨港の問い合わせ先", "臨港管理委員会の電話番号", "臨港の公式窓口", "臨港の住所", "臨港の相談窓口"],
}

T["ko"] = {
    "greet": ["안녕하세요", "안녕", "반갑습니다", "좋은 아침입니다", "하이", "안녕하세요!", "여보세요", "처음 뵙겠습니다", "안뇽", "좋은 저녁이에요"],
    "goodbye": ["안녕히 계세요", "잘 가", "다음에 봐요", "바이", "이만 갈게요", "수고하세요", "잘 있어요", "끝났어요, 안녕"],
    "thank": ["감사합니다", "고마워요", "고맙습니다", "정말 감사합니다", "땡큐", "도움이 됐어요, 감사해요", "감사", "고마워"],
    "affirm": ["네", "예", "좋아요", "그래요", "맞아요", "오케이", "물론이죠", "응", "괜찮아요", "그렇게 해주세요"],
    "deny": ["아니요", "아니", "괜찮습니다", "필요 없어요", "됐어요", "싫어요", "지금은 아니에요", "틀렸어요"],
    "help": ["도움말", "뭘 할 수 있어요?", "사용법", "메뉴", "도와주세요", "어떤 기능이 있나요", "무엇을 물어볼 수 있나요", "사용 방법 알려줘"],
    "search_exhibitors": ["{product} 전시업체", "{country} {product} 전시업체 찾아줘", "{product} 파는 회사", "{country} 전시업체", "{hall}홀 전시업체", "{area} 전시구역 업체", "{product} 공급업체를 찾고 있어요", "{product} 검색", "{country} {product} 기업 있나요", "{product} 부스", "{hall}홀에서 {product} 파는 곳", "{product} 구매하고 싶어요"],
    "exhibitor_info": ["{company} 부스 어디예요", "{company} 어디에 있어요?", "{company} 연락처", "{company} 알려줘", "{company} 부스 번호", "{company} 몇 홀이에요", "{company} 정보", "{company} 이메일"],
    "book_meeting": ["{company} 미팅 예약", "{date} {time}에 {company}와 만나고 싶어요", "{company}와 상담 예약해줘", "{company} 약속 잡아줘", "{date} {company} 미팅", "{company} 상담 시간 예약"],
    "my_meetings": ["내 미팅", "예약 목록", "{date} 일정", "내 스케줄", "예약한 상담 보여줘", "다가오는 미팅"],
    "cancel_meeting": ["{company} 미팅 취소", "{date} 예약 취소해줘", "상담 취소하고 싶어요", "{company} 예약 취소", "예약 삭제"],
    "list_events": ["{city} 행사", "{city}에 무슨 행사 있어요", "{date} {city} 이벤트", "{product} 관련 행사", "행사 목록", "{city} 전시회", "박람회 후 {city} 행사", "{date} 행사 있나요"],
    "subscribe_alerts": ["{city} 행사 구독", "{city} 행사 알려줘", "{product} 행사 알림 받고 싶어요", "{city} 알림 켜줘", "새 행사 알려주세요"],
    "unsubscribe_alerts": ["{city} 구독 취소", "알림 꺼줘", "알림 중지", "구독 해지", "{city} 알림 그만"],
    "set_language": ["{language}로 바꿔줘", "{language}로 말해줘", "언어를 {language}로 변경", "{language}로 부탁해요", "언어 설정", "{language}로 답해줘"],
    "out_of_scope": ["내일 날씨 어때", "농담 해줘", "에세이 써줘", "어제 경기 누가 이겼어", "주식 추천해줘", "김치찌개 레시피", "코드 짜줘", "노래 불러줘", "영화 추천", "택시 불러줘", "몇 살이에요", "시 써줘"],
}
T["ko_lingang"] = {
    "tax": ["린강 법인세 혜택", "린강신구 세금 우대", "린강 15% 법인세", "린강 반도체 기업 세율", "린강 세제 혜택 알려줘"],
    "company_setup": ["린강에서 회사 설립하려면", "린강 외자기업 등록", "린강에 법인 설립", "린강 회사 설립 절차", "외국인이 린강에서 창업 가능한가요"],
    "work_visa": ["린강 외국인 취업허가", "린강 비자", "외국인 직원 비자 발급", "린강 전자비자", "린강 거류허가"],
    "bonded_zone": ["양산 특수종합보세구란", "양산 보세구 세관", "린강 보세구역", "양산항 통관", "보세구 운영 방식"],
    "data_transfer": ["린강 데이터 국외 이전", "린강에서 데이터 해외 전송 가능?", "데이터 반출 규정", "린강 일반 데이터 목록", "개인정보 국외 이전"],
    "negative_list": ["외국인투자 네거티브 리스트", "외자 제한 업종", "제조업 외자 개방됐나요", "린강 네거티브 리스트", "2024 네거티브 리스트"],
    "finance": ["린강 FT 계좌", "자유무역계좌 개설", "린강 크로스보더 결제", "FT 계좌란", "린강 자금 조달"],
    "key_industries": ["린강 중점 산업", "린강은 어떤 산업에 집중하나요", "린강 산업 분야", "린강 바이오 의약", "린강 선도 산업"],
    "contact": ["린강 문의처", "린강 관리위원회 전화번호", "린강 공식 창구", "린강 주소", "린강 상담 센터"],
}
