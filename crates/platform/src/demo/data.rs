//! Word lists of the demo generator: Persian names with their Latin spelling (for emails),
//! provinces with cities, products with variants and Toman prices, shipping methods.

/// (Persian, Latin) first names.
pub const FIRST_NAMES: &[(&str, &str)] = &[
    ("علی", "ali"),
    ("محمد", "mohammad"),
    ("حسین", "hossein"),
    ("رضا", "reza"),
    ("مهدی", "mahdi"),
    ("امیر", "amir"),
    ("سعید", "saeed"),
    ("حمید", "hamid"),
    ("مجید", "majid"),
    ("کامران", "kamran"),
    ("بهرام", "bahram"),
    ("پویا", "pouya"),
    ("آرش", "arash"),
    ("سینا", "sina"),
    ("کیان", "kian"),
    ("مریم", "maryam"),
    ("فاطمه", "fatemeh"),
    ("زهرا", "zahra"),
    ("سارا", "sara"),
    ("نرگس", "narges"),
    ("الهام", "elham"),
    ("مینا", "mina"),
    ("شیرین", "shirin"),
    ("نیلوفر", "niloufar"),
    ("پریسا", "parisa"),
    ("لیلا", "leila"),
    ("آزاده", "azadeh"),
    ("یاسمن", "yasaman"),
    ("هانیه", "haniyeh"),
    ("ترانه", "taraneh"),
    ("کوثر", "kowsar"),
    ("ستاره", "setareh"),
    ("بهاره", "bahareh"),
    ("محسن", "mohsen"),
    ("یاسر", "yaser"),
];

/// (Persian, Latin) last names.
pub const LAST_NAMES: &[(&str, &str)] = &[
    ("احمدی", "ahmadi"),
    ("محمدی", "mohammadi"),
    ("حسینی", "hosseini"),
    ("رضایی", "rezaei"),
    ("کریمی", "karimi"),
    ("موسوی", "mousavi"),
    ("جعفری", "jafari"),
    ("صادقی", "sadeghi"),
    ("رحیمی", "rahimi"),
    ("کاظمی", "kazemi"),
    ("قاسمی", "ghasemi"),
    ("نوری", "nouri"),
    ("اکبری", "akbari"),
    ("طاهری", "taheri"),
    ("شریفی", "sharifi"),
    ("نجفی", "najafi"),
    ("یزدانی", "yazdani"),
    ("فرهادی", "farhadi"),
    ("توکلی", "tavakoli"),
    ("امینی", "amini"),
    ("سلیمانی", "soleimani"),
    ("بهرامی", "bahrami"),
    ("زارعی", "zarei"),
    ("عباسی", "abbasi"),
    ("کیانی", "kiani"),
    ("مرادی", "moradi"),
    ("شجاعی", "shojaei"),
    ("پورمحمدی", "pourmohammadi"),
    ("تهرانی", "tehrani"),
    ("اصفهانی", "esfahani"),
    ("شیرازی", "shirazi"),
    ("رستمی", "rostami"),
];

/// Provinces with some of their cities, and a weight: how many demo buyers live there.
pub const PROVINCES: &[(&str, &[&str], u32)] = &[
    ("تهران", &["تهران", "ری", "اسلامشهر", "شهریار", "پردیس"], 30),
    ("اصفهان", &["اصفهان", "کاشان", "نجف‌آباد", "شاهین‌شهر"], 8),
    ("خراسان رضوی", &["مشهد", "نیشابور", "سبزوار"], 8),
    ("فارس", &["شیراز", "مرودشت", "کازرون"], 6),
    ("آذربایجان شرقی", &["تبریز", "مراغه", "مرند"], 5),
    ("البرز", &["کرج", "فردیس", "نظرآباد"], 6),
    ("خوزستان", &["اهواز", "آبادان", "دزفول"], 4),
    ("مازندران", &["ساری", "بابل", "آمل", "قائم‌شهر"], 4),
    ("گیلان", &["رشت", "لاهیجان", "بندر انزلی"], 3),
    ("کرمان", &["کرمان", "رفسنجان", "سیرجان"], 3),
    ("قم", &["قم"], 3),
    ("یزد", &["یزد", "میبد"], 2),
    ("آذربایجان غربی", &["ارومیه", "خوی"], 2),
    ("کرمانشاه", &["کرمانشاه", "اسلام‌آباد غرب"], 2),
    ("همدان", &["همدان", "ملایر"], 2),
    ("هرمزگان", &["بندرعباس", "قشم", "کیش"], 2),
    ("مرکزی", &["اراک", "ساوه"], 1),
    ("قزوین", &["قزوین", "تاکستان"], 1),
    ("زنجان", &["زنجان"], 1),
    ("سمنان", &["سمنان", "شاهرود"], 1),
    ("گلستان", &["گرگان", "گنبد کاووس"], 1),
    ("اردبیل", &["اردبیل"], 1),
    ("کردستان", &["سنندج"], 1),
    ("لرستان", &["خرم‌آباد"], 1),
    ("بوشهر", &["بوشهر"], 1),
    ("سیستان و بلوچستان", &["زاهدان", "چابهار"], 1),
    ("چهارمحال و بختیاری", &["شهرکرد"], 1),
    ("کهگیلویه و بویراحمد", &["یاسوج"], 1),
    ("ایلام", &["ایلام"], 1),
    ("خراسان شمالی", &["بجنورد"], 1),
    ("خراسان جنوبی", &["بیرجند"], 1),
];

pub const STREETS: &[&str] = &[
    "خیابان آزادی",
    "خیابان انقلاب",
    "بلوار کشاورز",
    "خیابان ولیعصر",
    "خیابان شریعتی",
    "بلوار امام رضا",
    "خیابان فردوسی",
    "خیابان حافظ",
    "خیابان سعدی",
    "بلوار ارم",
    "خیابان بهار",
    "خیابان نیایش",
];

/// A product: name, price in Toman, and its variant attributes (name, choices).
pub struct Product {
    pub name: &'static str,
    pub price_toman: i64,
    pub attributes: &'static [(&'static str, &'static [&'static str])],
}

const COLORS: &[&str] = &["سفید", "مشکی", "سرمه‌ای", "طوسی", "قرمز"];
const SIZES: &[&str] = &["S", "M", "L", "XL"];

pub const PRODUCTS: &[Product] = &[
    Product {
        name: "تی‌شرت نخی",
        price_toman: 390_000,
        attributes: &[("رنگ", COLORS), ("سایز", SIZES)],
    },
    Product {
        name: "هودی پنبه‌ای",
        price_toman: 1_250_000,
        attributes: &[("رنگ", COLORS), ("سایز", SIZES)],
    },
    Product {
        name: "شلوار جین",
        price_toman: 1_480_000,
        attributes: &[("سایز", &["۳۰", "۳۲", "۳۴", "۳۶"])],
    },
    Product {
        name: "کفش ورزشی",
        price_toman: 2_900_000,
        attributes: &[("سایز", &["۴۰", "۴۱", "۴۲", "۴۳", "۴۴"])],
    },
    Product {
        name: "شال نخی",
        price_toman: 320_000,
        attributes: &[("رنگ", COLORS)],
    },
    Product {
        name: "کیف چرمی دوشی",
        price_toman: 3_450_000,
        attributes: &[("رنگ", &["قهوه‌ای", "مشکی", "عسلی"])],
    },
    Product {
        name: "ماگ سرامیکی دست‌ساز",
        price_toman: 280_000,
        attributes: &[],
    },
    Product {
        name: "قهوه عربیکا ۲۵۰ گرمی",
        price_toman: 540_000,
        attributes: &[("آسیاب", &["دانه", "اسپرسو", "فرانسه"])],
    },
    Product {
        name: "چای ممتاز لاهیجان",
        price_toman: 210_000,
        attributes: &[],
    },
    Product {
        name: "زعفران نیم مثقالی",
        price_toman: 890_000,
        attributes: &[],
    },
    Product {
        name: "عسل طبیعی کوهستان",
        price_toman: 650_000,
        attributes: &[("وزن", &["۵۰۰ گرم", "۱ کیلو"])],
    },
    Product {
        name: "کتاب دیوان حافظ",
        price_toman: 450_000,
        attributes: &[("جلد", &["گالینگور", "شومیز"])],
    },
    Product {
        name: "هدفون بی‌سیم",
        price_toman: 2_350_000,
        attributes: &[("رنگ", &["سفید", "مشکی"])],
    },
    Product {
        name: "پاوربانک ۲۰۰۰۰",
        price_toman: 1_690_000,
        attributes: &[],
    },
    Product {
        name: "قاب گوشی سیلیکونی",
        price_toman: 180_000,
        attributes: &[("مدل", &["A54", "A34", "iPhone 13", "iPhone 15"])],
    },
    Product {
        name: "شمع معطر",
        price_toman: 240_000,
        attributes: &[("رایحه", &["وانیل", "یاس", "چوب صندل"])],
    },
    Product {
        name: "گلدان سفالی",
        price_toman: 360_000,
        attributes: &[("اندازه", &["کوچک", "متوسط", "بزرگ"])],
    },
    Product {
        name: "روسری ابریشمی",
        price_toman: 980_000,
        attributes: &[("رنگ", COLORS)],
    },
    Product {
        name: "عروسک بافتنی",
        price_toman: 520_000,
        attributes: &[],
    },
    Product {
        name: "دفترچه یادداشت چرمی",
        price_toman: 310_000,
        attributes: &[("رنگ", &["قهوه‌ای", "سبز", "مشکی"])],
    },
    Product {
        name: "کرم مرطوب‌کننده",
        price_toman: 430_000,
        attributes: &[],
    },
    Product {
        name: "ست قابلمه استیل",
        price_toman: 5_800_000,
        attributes: &[],
    },
    Product {
        name: "پسته اکبری ۵۰۰ گرمی",
        price_toman: 1_150_000,
        attributes: &[("نوع", &["خام", "شور"])],
    },
    Product {
        name: "گز اصفهان",
        price_toman: 420_000,
        attributes: &[("نوع", &["پسته‌ای", "بادامی"])],
    },
];

/// Shipping methods: (id, name, price in Toman, type).
pub const SHIPPING_RATES: &[(i64, &str, i64, &str)] = &[
    (1, "پست پیشتاز", 65_000, "post"),
    (2, "تیپاکس", 120_000, "courier"),
    (3, "پیک موتوری (تهران)", 80_000, "courier"),
    (4, "تحویل حضوری", 0, "pickup"),
];

pub const DISCOUNT_CODES: &[&str] = &["NOWRUZ", "YALDA", "WELCOME10", "VIP20"];

pub const NOTES: &[&str] = &[
    "لطفاً قبل از ارسال تماس بگیرید.",
    "بسته‌بندی کادویی شود.",
    "زنگ واحد ۳ خراب است؛ تماس بگیرید.",
    "ارسال در ساعات اداری.",
];
