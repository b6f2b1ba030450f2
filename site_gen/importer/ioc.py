"""IOC country codes → English names, for nations an article uses that nations.yaml lacks."""

from __future__ import annotations

IOC_NAMES: dict[str, str] = {
    "AFG": "Afghanistan", "ALB": "Albania", "ALG": "Algeria", "AND": "Andorra",
    "ARG": "Argentina", "ARM": "Armenia", "AUS": "Australia", "AUT": "Austria",
    "AZE": "Azerbaijan", "BEL": "Belgium", "BIH": "Bosnia and Herzegovina", "BLR": "Belarus",
    "BRA": "Brazil", "BUL": "Bulgaria", "CAN": "Canada", "CHI": "Chile", "CHN": "China",
    "COL": "Colombia", "CRO": "Croatia", "CYP": "Cyprus", "CZE": "Czech Republic",
    "DEN": "Denmark", "EGY": "Egypt", "ESP": "Spain", "EST": "Estonia", "EUN": "Unified Team",
    "FIN": "Finland", "FRA": "France", "FRG": "West Germany", "GBR": "Great Britain",
    "GDR": "East Germany", "GEO": "Georgia", "GER": "Germany", "GRE": "Greece",
    "HKG": "Hong Kong", "HUN": "Hungary", "IND": "India", "IRI": "Iran", "IRL": "Ireland",
    "ISL": "Iceland", "ISR": "Israel", "ITA": "Italy", "JPN": "Japan", "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan", "KOR": "South Korea", "LAT": "Latvia", "LIE": "Liechtenstein",
    "LTU": "Lithuania", "LUX": "Luxembourg", "MAR": "Morocco", "MDA": "Moldova",
    "MEX": "Mexico", "MGL": "Mongolia", "MKD": "North Macedonia", "MLT": "Malta",
    "MNE": "Montenegro", "MON": "Monaco", "NED": "Netherlands", "NOR": "Norway",
    "NZL": "New Zealand", "PHI": "Philippines", "POL": "Poland", "POR": "Portugal",
    "PRK": "North Korea", "ROU": "Romania", "RSA": "South Africa", "RUS": "Russia",
    "SGP": "Singapore", "SLO": "Slovenia", "SMR": "San Marino", "SRB": "Serbia",
    "SUI": "Switzerland", "SVK": "Slovakia", "SWE": "Sweden", "THA": "Thailand",
    "TPE": "Chinese Taipei", "TUR": "Turkey", "UKR": "Ukraine", "URS": "Soviet Union",
    "USA": "United States", "UZB": "Uzbekistan", "YUG": "Yugoslavia",
    # Neutral and federation teams seen in World Cup result lists.
    "ISU": "ISU (neutral athletes)", "OAR": "Olympic Athletes from Russia",
    "ROC": "ROC (Russian Olympic Committee)", "AIN": "Individual Neutral Athletes",
}
