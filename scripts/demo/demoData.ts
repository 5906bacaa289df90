// The demo network's fixed data: 12 service points in Polish cities (real addresses' districts,
// coordinates within the city, Polish postal codes), a tyre-service catalogue with durations per
// vehicle class and PLN prices, goods, and the names people and companies are given.
import type { BayFeature, StaffSkill, VehicleClass } from '../../domain/service-network/capabilities.js'
import type { GoodsDefinition, ServiceDefinition } from '../../domain/service-network/events.js'

export interface DemoCity {
  readonly pointId: string
  readonly city: string
  /** A short ASCII name for logins. */
  readonly slug: string
  readonly street: string
  readonly postalCode: string
  readonly lat: number
  readonly lon: number
  readonly phone: string
  /** Plate prefixes of the city and around it (all in plateRegionData.ts). */
  readonly plates: readonly string[]
  readonly bays: number
  /** Bigger points have a truck bay. */
  readonly trucks: boolean
}

export const DEMO_CITIES: readonly DemoCity[] = [
  {
    pointId: 'waw-bemowo',
    city: 'Warszawa',
    slug: 'warszawa',
    street: 'ul. Połczyńska 31',
    postalCode: '01-377',
    lat: 52.2244,
    lon: 20.9111,
    phone: '+48 22 535 10 20',
    plates: ['WA', 'WB', 'WE', 'WI', 'WPR', 'WPI'],
    bays: 8,
    trucks: true,
  },
  {
    pointId: 'krk-podgorze',
    city: 'Kraków',
    slug: 'krakow',
    street: 'ul. Zakopiańska 62',
    postalCode: '30-418',
    lat: 50.0266,
    lon: 19.9286,
    phone: '+48 12 266 40 50',
    plates: ['KR', 'KK', 'KRA'],
    bays: 7,
    trucks: true,
  },
  {
    pointId: 'ldz-widzew',
    city: 'Łódź',
    slug: 'lodz',
    street: 'ul. Rokicińska 152',
    postalCode: '92-412',
    lat: 51.749,
    lon: 19.537,
    phone: '+48 42 674 12 30',
    plates: ['EL', 'ES', 'EP'],
    bays: 6,
    trucks: false,
  },
  {
    pointId: 'wro-krzyki',
    city: 'Wrocław',
    slug: 'wroclaw',
    street: 'ul. Krakowska 100',
    postalCode: '50-427',
    lat: 51.095,
    lon: 17.063,
    phone: '+48 71 342 55 60',
    plates: ['DW', 'DX', 'DWR'],
    bays: 7,
    trucks: true,
  },
  {
    pointId: 'poz-grunwald',
    city: 'Poznań',
    slug: 'poznan',
    street: 'ul. Głogowska 218',
    postalCode: '60-104',
    lat: 52.381,
    lon: 16.887,
    phone: '+48 61 830 22 40',
    plates: ['PO', 'PY', 'PZ'],
    bays: 6,
    trucks: false,
  },
  {
    pointId: 'gda-wrzeszcz',
    city: 'Gdańsk',
    slug: 'gdansk',
    street: 'al. Grunwaldzka 260',
    postalCode: '80-314',
    lat: 54.387,
    lon: 18.599,
    phone: '+48 58 341 70 80',
    plates: ['GD', 'GA', 'GDA'],
    bays: 6,
    trucks: false,
  },
  {
    pointId: 'szc-pogodno',
    city: 'Szczecin',
    slug: 'szczecin',
    street: 'ul. Struga 31',
    postalCode: '70-784',
    lat: 53.408,
    lon: 14.601,
    phone: '+48 91 481 33 20',
    plates: ['ZS'],
    bays: 5,
    trucks: false,
  },
  {
    pointId: 'byd-fordon',
    city: 'Bydgoszcz',
    slug: 'bydgoszcz',
    street: 'ul. Fordońska 141',
    postalCode: '85-739',
    lat: 53.126,
    lon: 18.066,
    phone: '+48 52 345 18 90',
    plates: ['CB', 'CT'],
    bays: 5,
    trucks: false,
  },
  {
    pointId: 'lub-tatary',
    city: 'Lublin',
    slug: 'lublin',
    street: 'ul. Diamentowa 6',
    postalCode: '20-447',
    lat: 51.227,
    lon: 22.584,
    phone: '+48 81 744 26 10',
    plates: ['LU'],
    bays: 5,
    trucks: false,
  },
  {
    pointId: 'bia-starosielce',
    city: 'Białystok',
    slug: 'bialystok',
    street: 'ul. Produkcyjna 84',
    postalCode: '15-680',
    lat: 53.148,
    lon: 23.193,
    phone: '+48 85 651 40 70',
    plates: ['BI'],
    bays: 4,
    trucks: false,
  },
  {
    pointId: 'kat-brynow',
    city: 'Katowice',
    slug: 'katowice',
    street: 'ul. Bażantów 4',
    postalCode: '40-668',
    lat: 50.219,
    lon: 19.008,
    phone: '+48 32 202 61 50',
    plates: ['SK', 'SO', 'SH'],
    bays: 7,
    trucks: true,
  },
  {
    pointId: 'rze-staromiescie',
    city: 'Rzeszów',
    slug: 'rzeszow',
    street: 'al. Powstańców Warszawy 21',
    postalCode: '35-329',
    lat: 50.028,
    lon: 22.013,
    phone: '+48 17 852 14 30',
    plates: ['RZ'],
    bays: 4,
    trucks: false,
  },
]

const pln = (zloty: number) => ({ amountMinor: Math.round(zloty * 100), currency: 'PLN' })

function service(
  code: string,
  pl: string,
  en: string,
  baseMinutes: number,
  byClass: Partial<Record<VehicleClass, number>>,
  zloty: number,
  requiredFeatures: BayFeature[],
  requiredSkill: StaffSkill | null,
): ServiceDefinition {
  return {
    code,
    names: { pl, en },
    baseMinutes,
    durationRules: Object.entries(byClass).map(([vehicleClass, minutes]) => ({
      vehicleClass: vehicleClass as VehicleClass,
      wheels: null,
      minutes: minutes as number,
    })),
    price: pln(zloty),
    vatRatePercent: 23,
    requiredFeatures,
    requiredSkill,
  }
}

export const DEMO_SERVICES: readonly ServiceDefinition[] = [
  service(
    'SEASONAL_CHANGE',
    'Sezonowa wymiana kół',
    'Seasonal wheel change',
    30,
    { suv: 40, van: 45, truck: 90 },
    120,
    [],
    'tyre_fitting',
  ),
  service(
    'TYRE_FITTING',
    'Przekładka opon na felgach',
    'Tyre fitting on rims',
    45,
    { suv: 60, van: 60, truck: 120 },
    180,
    [],
    'tyre_fitting',
  ),
  service(
    'BALANCING',
    'Wyważanie kół',
    'Wheel balancing',
    20,
    { suv: 25, van: 30, truck: 45 },
    60,
    ['balancing'],
    'balancing',
  ),
  service('TPMS_SERVICE', 'Serwis czujników TPMS', 'TPMS sensor service', 30, { van: 40 }, 80, ['tpms'], 'tpms'),
  service(
    'RUN_FLAT_FITTING',
    'Montaż opon run-flat',
    'Run-flat tyre fitting',
    60,
    { suv: 75 },
    220,
    ['run_flat'],
    'run_flat',
  ),
  service(
    'TYRE_HOTEL',
    'Przechowalnia opon (sezon)',
    'Tyre hotel (one season)',
    10,
    {},
    160,
    ['tyre_storage'],
    'tyre_storage',
  ),
  {
    ...service(
      'PUNCTURE_REPAIR',
      'Naprawa przebitej opony',
      'Puncture repair',
      30,
      {},
      50,
      ['tyre_repair'],
      'tyre_repair',
    ),
    durationRules: [
      { vehicleClass: 'truck', wheels: null, minutes: 45 },
      { vehicleClass: null, wheels: 2, minutes: 50 },
    ],
  },
  service(
    'WHEEL_ALIGNMENT',
    'Ustawienie geometrii kół',
    'Wheel alignment',
    60,
    { van: 75 },
    180,
    ['wheel_alignment'],
    'wheel_alignment',
  ),
  service('NITROGEN', 'Pompowanie kół azotem', 'Nitrogen inflation', 15, {}, 40, ['nitrogen_inflation'], null),
  service('RIM_REPAIR', 'Prostowanie felgi', 'Rim straightening', 90, {}, 150, ['rim_repair'], 'tyre_repair'),
  service('TRUCK_TYRE_CHANGE', 'Wymiana opon ciężarowych', 'Truck tyre change', 120, {}, 450, ['truck'], 'truck_tyres'),
]

function goods(sku: string, kind: GoodsDefinition['kind'], pl: string, en: string, zloty: number): GoodsDefinition {
  return { sku, kind, names: { pl, en }, price: pln(zloty), vatRatePercent: 23 }
}

export const DEMO_GOODS: readonly GoodsDefinition[] = [
  goods('TYRE-DEBICA-FRIGO2-205-55R16', 'tyre', 'Dębica Frigo 2 205/55 R16 91H', 'Dębica Frigo 2 205/55 R16 91H', 259),
  goods(
    'TYRE-MICHELIN-ALPIN6-205-55R16',
    'tyre',
    'Michelin Alpin 6 205/55 R16 91H',
    'Michelin Alpin 6 205/55 R16 91H',
    489,
  ),
  goods(
    'TYRE-CONTI-TS870-225-45R17',
    'tyre',
    'Continental WinterContact TS 870 225/45 R17 94V',
    'Continental WinterContact TS 870 225/45 R17 94V',
    569,
  ),
  goods(
    'TYRE-GOODYEAR-UG3-225-45R17',
    'tyre',
    'Goodyear UltraGrip Performance 3 225/45 R17',
    'Goodyear UltraGrip Performance 3 225/45 R17',
    539,
  ),
  goods(
    'TYRE-BRIDGESTONE-LM005-235-55R18',
    'tyre',
    'Bridgestone Blizzak LM005 235/55 R18 104H (SUV)',
    'Bridgestone Blizzak LM005 235/55 R18 104H (SUV)',
    719,
  ),
  goods(
    'TYRE-MICHELIN-PS4-225-40R18',
    'tyre',
    'Michelin Pilot Sport 4 225/40 R18 92Y (lato)',
    'Michelin Pilot Sport 4 225/40 R18 92Y (summer)',
    699,
  ),
  goods(
    'TYRE-CONTI-VANWINTER-215-65R16C',
    'tyre',
    'Continental VanContact Winter 215/65 R16C',
    'Continental VanContact Winter 215/65 R16C',
    629,
  ),
  goods('RIM-STEEL-16-5X112', 'rim', 'Felga stalowa 6.5x16 5x112 ET46', 'Steel rim 6.5x16 5x112 ET46', 289),
  goods('VALVE-TR413', 'valve', 'Zawór gumowy TR413', 'Rubber valve TR413', 8),
  goods('VALVE-TR414-CHROME', 'valve', 'Zawór TR414 z nasadką chromowaną', 'Valve TR414, chrome cap', 15),
  goods(
    'TPMS-SCHRADER-EZ-33500',
    'tpms_sensor',
    'Czujnik TPMS Schrader EZ-sensor 33500',
    'TPMS sensor Schrader EZ-sensor 33500',
    199,
  ),
  goods('BOLT-M14X1.5-28', 'wheel_bolt', 'Śruba koła M14x1,5 stożek 28 mm', 'Wheel bolt M14x1.5 cone 28 mm', 12),
]

export const FIRST_NAMES = [
  'Anna',
  'Maria',
  'Katarzyna',
  'Małgorzata',
  'Agnieszka',
  'Barbara',
  'Ewa',
  'Krystyna',
  'Magdalena',
  'Joanna',
  'Piotr',
  'Krzysztof',
  'Andrzej',
  'Tomasz',
  'Paweł',
  'Michał',
  'Marcin',
  'Jakub',
  'Adam',
  'Łukasz',
  'Zofia',
  'Julia',
  'Natalia',
  'Aleksandra',
  'Wojciech',
  'Kamil',
  'Mateusz',
  'Grzegorz',
  'Dorota',
  'Marek',
] as const

export const LAST_NAMES = [
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Wójcik',
  'Kowalczyk',
  'Kamiński',
  'Lewandowski',
  'Zieliński',
  'Szymański',
  'Woźniak',
  'Dąbrowski',
  'Kozłowski',
  'Jankowski',
  'Mazur',
  'Kwiatkowski',
  'Krawczyk',
  'Piotrowski',
  'Grabowski',
  'Nowakowski',
  'Pawłowski',
  'Michalski',
  'Nowicki',
  'Adamczyk',
  'Dudek',
  'Zając',
  'Wieczorek',
  'Jabłoński',
  'Król',
] as const

/** The feminine form of a Polish surname ending in -ski/-cki/-dzki. */
export function surnameFor(first: string, last: string): string {
  const feminine = first.endsWith('a') && first !== 'Kuba'
  return feminine && /(sk|ck|dzk)i$/.test(last) ? `${last.slice(0, -1)}a` : last
}

/** ASCII for e-mail addresses. */
export function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
}

export const DEMO_PASSWORD = 'opony-demo-2026'
export const DEMO_FLEET = { fleetId: 'fleet-kurier-express', name: 'Kurier Express sp. z o.o.' } as const

/** Polish public holidays on which every point is closed (2025–2027). */
export const HOLIDAYS: Readonly<Record<string, string>> = {
  '2025-11-01': 'Wszystkich Świętych',
  '2025-11-11': 'Narodowe Święto Niepodległości',
  '2025-12-24': 'Wigilia',
  '2025-12-25': 'Boże Narodzenie',
  '2025-12-26': 'Drugi dzień Bożego Narodzenia',
  '2026-01-01': 'Nowy Rok',
  '2026-01-06': 'Trzech Króli',
  '2026-04-06': 'Poniedziałek Wielkanocny',
  '2026-05-01': 'Święto Pracy',
  '2026-05-03': 'Święto Konstytucji 3 Maja',
  '2026-06-04': 'Boże Ciało',
  '2026-08-15': 'Wniebowzięcie NMP',
  '2026-11-01': 'Wszystkich Świętych',
  '2026-11-11': 'Narodowe Święto Niepodległości',
  '2026-12-24': 'Wigilia',
  '2026-12-25': 'Boże Narodzenie',
  '2026-12-26': 'Drugi dzień Bożego Narodzenia',
  '2027-01-01': 'Nowy Rok',
  '2027-01-06': 'Trzech Króli',
  '2027-03-29': 'Poniedziałek Wielkanocny',
  '2027-05-03': 'Święto Konstytucji 3 Maja',
  '2027-05-27': 'Boże Ciało',
}
