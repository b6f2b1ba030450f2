"""Fixed tables for ``synth``: nations, host cities (with diacritics) and name parts."""

from __future__ import annotations

# code, name, weight of new skaters
NATIONS = (
    ("KOR", "South Korea", 14), ("CHN", "China", 14), ("CAN", "Canada", 11),
    ("USA", "United States", 9), ("NED", "Netherlands", 8), ("ITA", "Italy", 7),
    ("HUN", "Hungary", 6), ("JPN", "Japan", 7), ("RUS", "Russia", 7), ("FRA", "France", 4),
    ("GER", "Germany", 4), ("GBR", "Great Britain", 4), ("KAZ", "Kazakhstan", 3),
    ("POL", "Poland", 3), ("BEL", "Belgium", 2), ("AUS", "Australia", 2), ("BUL", "Bulgaria", 2),
    ("CZE", "Czech Republic", 2), ("LAT", "Latvia", 1), ("UKR", "Ukraine", 2),
    ("ISR", "Israel", 1), ("SUI", "Switzerland", 1), ("AUT", "Austria", 1), ("NOR", "Norway", 1),
)
CITIES = (
    ("Calgary", "CAN", "Olympic Oval"), ("Montréal", "CAN", "Maurice Richard Arena"),
    ("Saguenay", "CAN", "Centre Georges-Vézina"), ("Sherbrooke", "CAN", None),
    ("Salt Lake City", "USA", "Utah Olympic Oval"), ("Marquette", "USA", None),
    ("Seoul", "KOR", "Mokdong Ice Rink"), ("Jeonju", "KOR", None),
    ("Beijing", "CHN", "Capital Indoor Stadium"), ("Shanghai", "CHN", "Oriental Sports Center"),
    ("Harbin", "CHN", None), ("Nagano", "JPN", "Big Hat"), ("Nagoya", "JPN", None),
    ("Dresden", "GER", "EnergieVerbund Arena"), ("Mladá Boleslav", "CZE", "Škoda Icerink"),
    ("Budapest", "HUN", None), ("Debrecen", "HUN", "Főnix Hall"), ("Torino", "ITA", "Palavela"),
    ("Bormio", "ITA", None), ("Heerenveen", "NED", "Thialf"), ("Dordrecht", "NED", None),
    ("Kolomna", "RUS", None), ("Sofia", "BUL", "Winter Sports Palace"),
    ("Almaty", "KAZ", "Halyk Arena"), ("Gdańsk", "POL", "Hala Olivia"),
    ("Tomaszów Mazowiecki", "POL", "Arena Lodowa"),
)
ASIAN = {"KOR", "CHN", "JPN"}
FAMILY_EAST = ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
                "Han", "Shin", "Seo", "Kwon", "Hwang", "Ahn", "Song", "Wang", "Li", "Zhang",
                "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Sun", "Fan", "Guo",
                "Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto")
SYLL_EAST = ("min", "jung", "hyun", "soo", "seung", "jae", "ji", "yeon", "woo", "jin", "hee",
              "kyung", "sun", "young", "ho", "dong", "jia", "jun", "meng", "yang", "tian", "yu",
              "kai", "lin", "xin", "hong", "wei", "hao", "chun", "ling", "mei", "na", "rui",
              "zi", "han", "bo", "yi", "ran", "hye", "sol")
GIVEN = {
    "men": ("Jean-François", "Éric", "Charles", "François-Louis", "Apolo", "Viktor", "Semion",
            "Sjinkie", "Shaolin", "Liu", "Thibaut", "Jérémy", "Sébastien", "Maxime", "Daan",
            "Niels", "Yuri", "Dmitri", "Bartłomiej", "Łukasz", "Péter", "Csaba", "Jürgen",
            "Tobias", "Søren", "Mikkel", "Luca", "Yuri", "Tomáš", "Ondřej", "Andrés", "Pierre",
            "Olivier", "Mathieu", "Samuel", "J. R.", "Anthony", "Denis", "Roberto", "Nicola"),
    "women": ("Marianne", "Valérie", "Kalyna", "Arianna", "Martina", "Elise", "Suzanne",
              "Jorien", "Yara", "Zsófia", "Andrea", "Petra", "Kateřina", "Natalia", "Sofia",
              "Anaïs", "Véronique", "Kim", "Courtney", "Jessica", "Tatiana", "Olga", "Elena",
              "Magdalena", "Agnieszka", "Søs", "Ingrid", "Hanne", "Chloé", "Léa", "Manon",
              "Lara", "Selma", "Bérénice", "Margaux", "Amélie", "Fiona", "Xandra", "Rianne"),
}
FAM_HEAD = ("Bé", "Mar", "Hal", "Kov", "Szab", "Dub", "Mül", "Øst", "Lam", "Rich", "Fon",
             "Gaud", "Trem", "Ber", "Dal", "Font", "Gag", "Hamel", "Jan", "Kno", "Lau", "Mor",
             "Nov", "Pel", "Rus", "Sch", "Ter", "Van", "Wier", "Zan", "Cré", "Dö", "Gr", "Kř")
FAM_TAIL = ("ard", "ler", "ács", "ois", "sen", "ski", "elli", "eau", "berg", "ens", "ić",
             "ier", "ova", "enko", "man", "tini", "ault", "hout", "ák", "ert", "ov", "ette")
