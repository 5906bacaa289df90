// Polish registration-plate prefixes → regions, with approximate centroids (lat, lon in degrees).
//
// Sources:
// - Rozporządzenie Ministra Infrastruktury w sprawie rejestracji i oznaczania pojazdów oraz wymagań dla
//   tablic rejestracyjnych (11 Dec 2017, as amended), annex with the "wyróżniki" (prefix) of every
//   voivodeship and powiat;
// - Wikipedia, "Vehicle registration plates of Poland" / "Tablice rejestracyjne w Polsce" (the same list);
// - the press (moto.pl, 2022–2023) on the new pools when cities ran out: KK (Kraków, after KR),
//   DX (Wrocław, after DW), PY (Poznań, after PO).
// Centroids: voivodeships by their capital (seat of the voivode), districts of cities by the city centre,
// rounded to about 1 km — for "which workshops are near this car", not for navigation.
// Only prefixes we are confident of are listed; any other plate still resolves to its voivodeship.
// Not covered: service plates (H, U), diplomatic and temporary series, and any pool whose first letter
// is not a voivodeship's; validatePlate refuses those as Polish plates (a booking can still name the
// car with another plate country). The district list is unverified against the annex for prefixes
// not listed here: check the regulation before adding more.

export interface RegionEntry {
  readonly name: string
  readonly lat: number
  readonly lon: number
}

/** First letter → voivodeship, centred on its capital. (H: state services, U: army — not regions.) */
export const VOIVODESHIPS: Readonly<Record<string, RegionEntry & { readonly capital: string }>> = {
  B: { name: 'podlaskie', capital: 'Białystok', lat: 53.1325, lon: 23.1688 },
  C: { name: 'kujawsko-pomorskie', capital: 'Bydgoszcz', lat: 53.1235, lon: 18.0084 },
  D: { name: 'dolnośląskie', capital: 'Wrocław', lat: 51.1079, lon: 17.0385 },
  E: { name: 'łódzkie', capital: 'Łódź', lat: 51.7592, lon: 19.456 },
  F: { name: 'lubuskie', capital: 'Gorzów Wielkopolski', lat: 52.7368, lon: 15.2288 },
  G: { name: 'pomorskie', capital: 'Gdańsk', lat: 54.352, lon: 18.6466 },
  K: { name: 'małopolskie', capital: 'Kraków', lat: 50.0647, lon: 19.945 },
  L: { name: 'lubelskie', capital: 'Lublin', lat: 51.2465, lon: 22.5684 },
  N: { name: 'warmińsko-mazurskie', capital: 'Olsztyn', lat: 53.7784, lon: 20.4801 },
  O: { name: 'opolskie', capital: 'Opole', lat: 50.6751, lon: 17.9213 },
  P: { name: 'wielkopolskie', capital: 'Poznań', lat: 52.4064, lon: 16.9252 },
  R: { name: 'podkarpackie', capital: 'Rzeszów', lat: 50.0412, lon: 21.9991 },
  S: { name: 'śląskie', capital: 'Katowice', lat: 50.2649, lon: 19.0238 },
  T: { name: 'świętokrzyskie', capital: 'Kielce', lat: 50.8661, lon: 20.6286 },
  W: { name: 'mazowieckie', capital: 'Warszawa', lat: 52.2297, lon: 21.0122 },
  Z: { name: 'zachodniopomorskie', capital: 'Szczecin', lat: 53.4285, lon: 14.5528 },
}

const WARSAW = { lat: 52.2297, lon: 21.0122 }
const KRAKOW = { lat: 50.0647, lon: 19.945 }
const WROCLAW = { lat: 51.1079, lon: 17.0385 }
const POZNAN = { lat: 52.4064, lon: 16.9252 }

/** District prefixes (2 or 3 letters) → powiat (city with powiat rights unless said otherwise). */
export const DISTRICTS: Readonly<Record<string, RegionEntry>> = {
  // mazowieckie: Warsaw's districts share the city's centroid
  ...Object.fromEntries(
    ['WA', 'WB', 'WD', 'WE', 'WF', 'WH', 'WI', 'WJ', 'WK', 'WN', 'WT', 'WU', 'WW', 'WX', 'WY'].map((p) => [
      p,
      { name: 'Warszawa', ...WARSAW },
    ]),
  ),
  WO: { name: 'Ostrołęka', lat: 53.0838, lon: 21.5753 },
  WP: { name: 'Płock', lat: 52.5463, lon: 19.7065 },
  WR: { name: 'Radom', lat: 51.4027, lon: 21.1471 },
  WS: { name: 'Siedlce', lat: 52.1676, lon: 22.2902 },
  WPI: { name: 'powiat piaseczyński (Piaseczno)', lat: 52.0813, lon: 21.0238 },
  WPR: { name: 'powiat pruszkowski (Pruszków)', lat: 52.1709, lon: 20.812 },
  WOT: { name: 'powiat otwocki (Otwock)', lat: 52.1053, lon: 21.2613 },
  // podlaskie
  BI: { name: 'Białystok', lat: 53.1325, lon: 23.1688 },
  BS: { name: 'Suwałki', lat: 54.1115, lon: 22.9308 },
  BL: { name: 'Łomża', lat: 53.1781, lon: 22.059 },
  // kujawsko-pomorskie
  CB: { name: 'Bydgoszcz', lat: 53.1235, lon: 18.0084 },
  CT: { name: 'Toruń', lat: 53.0138, lon: 18.5984 },
  CW: { name: 'Włocławek', lat: 52.6483, lon: 19.0677 },
  CG: { name: 'Grudziądz', lat: 53.4837, lon: 18.7536 },
  // dolnośląskie
  DW: { name: 'Wrocław', ...WROCLAW },
  DX: { name: 'Wrocław', ...WROCLAW },
  DWR: { name: 'powiat wrocławski', ...WROCLAW },
  DJ: { name: 'Jelenia Góra', lat: 50.9044, lon: 15.7194 },
  DL: { name: 'Legnica', lat: 51.207, lon: 16.1619 },
  DB: { name: 'Wałbrzych', lat: 50.7714, lon: 16.2843 },
  // łódzkie
  EL: { name: 'Łódź', lat: 51.7592, lon: 19.456 },
  EP: { name: 'Piotrków Trybunalski', lat: 51.4052, lon: 19.703 },
  ES: { name: 'Skierniewice', lat: 51.9547, lon: 20.1583 },
  // lubuskie
  FG: { name: 'Gorzów Wielkopolski', lat: 52.7368, lon: 15.2288 },
  FZ: { name: 'Zielona Góra', lat: 51.9356, lon: 15.5062 },
  // pomorskie
  GD: { name: 'Gdańsk', lat: 54.352, lon: 18.6466 },
  GA: { name: 'Gdynia', lat: 54.5189, lon: 18.5305 },
  GS: { name: 'Słupsk', lat: 54.4641, lon: 17.0287 },
  GSP: { name: 'Sopot', lat: 54.4416, lon: 18.5601 },
  GDA: { name: 'powiat gdański (Pruszcz Gdański)', lat: 54.262, lon: 18.6362 },
  // małopolskie
  KR: { name: 'Kraków', ...KRAKOW },
  KK: { name: 'Kraków', ...KRAKOW },
  KRA: { name: 'powiat krakowski', ...KRAKOW },
  KN: { name: 'Nowy Sącz', lat: 49.6175, lon: 20.7153 },
  KT: { name: 'Tarnów', lat: 50.0121, lon: 20.9858 },
  // lubelskie
  LU: { name: 'Lublin', lat: 51.2465, lon: 22.5684 },
  LB: { name: 'Biała Podlaska', lat: 52.0324, lon: 23.1165 },
  LC: { name: 'Chełm', lat: 51.1431, lon: 23.4716 },
  LZ: { name: 'Zamość', lat: 50.7231, lon: 23.252 },
  // warmińsko-mazurskie
  NO: { name: 'Olsztyn', lat: 53.7784, lon: 20.4801 },
  NE: { name: 'Elbląg', lat: 54.1522, lon: 19.4088 },
  // opolskie
  OP: { name: 'Opole', lat: 50.6751, lon: 17.9213 },
  // wielkopolskie
  PO: { name: 'Poznań', ...POZNAN },
  PY: { name: 'Poznań', ...POZNAN },
  PZ: { name: 'powiat poznański', ...POZNAN },
  PK: { name: 'Kalisz', lat: 51.7611, lon: 18.091 },
  PN: { name: 'Konin', lat: 52.223, lon: 18.2511 },
  PL: { name: 'Leszno', lat: 51.8406, lon: 16.5749 },
  // podkarpackie
  RZ: { name: 'Rzeszów', lat: 50.0412, lon: 21.9991 },
  RK: { name: 'Krosno', lat: 49.6887, lon: 21.7706 },
  RP: { name: 'Przemyśl', lat: 49.7838, lon: 22.7678 },
  RT: { name: 'Tarnobrzeg', lat: 50.573, lon: 21.6794 },
  // śląskie
  SK: { name: 'Katowice', lat: 50.2649, lon: 19.0238 },
  SB: { name: 'Bielsko-Biała', lat: 49.8224, lon: 19.0444 },
  SC: { name: 'Częstochowa', lat: 50.8118, lon: 19.1203 },
  SG: { name: 'Gliwice', lat: 50.2945, lon: 18.6714 },
  SZ: { name: 'Zabrze', lat: 50.3249, lon: 18.7857 },
  SY: { name: 'Bytom', lat: 50.3483, lon: 18.9157 },
  SO: { name: 'Sosnowiec', lat: 50.2863, lon: 19.1041 },
  ST: { name: 'Tychy', lat: 50.1218, lon: 18.987 },
  SR: { name: 'Rybnik', lat: 50.1022, lon: 18.5463 },
  SJ: { name: 'Jaworzno', lat: 50.205, lon: 19.2749 },
  SD: { name: 'Dąbrowa Górnicza', lat: 50.3217, lon: 19.1949 },
  SH: { name: 'Chorzów', lat: 50.2975, lon: 18.9546 },
  // świętokrzyskie
  TK: { name: 'Kielce', lat: 50.8661, lon: 20.6286 },
  // zachodniopomorskie
  ZS: { name: 'Szczecin', lat: 53.4285, lon: 14.5528 },
  ZK: { name: 'Koszalin', lat: 54.1944, lon: 16.1722 },
  ZSW: { name: 'Świnoujście', lat: 53.9105, lon: 14.2471 },
}
