/**
 * Real seaports (UN/LOCODE, name, country, IANA time zone, approximate coordinates), used to
 * fill in a tenant's port the first time one of its port calls names it. A LOCODE neither
 * here nor already among the tenant's ports is "unknown". Add a port with one line.
 */
export interface ReferencePort {
  UNLocationCode: string;
  portName: string;
  countryCode: string;
  timeZone: string;
  latitude: number;
  longitude: number;
}

type Row = [code: string, name: string, zone: string, latitude: number, longitude: number];

const ROWS: Row[] = [
  // Europe
  ['NLRTM', 'Rotterdam', 'Europe/Amsterdam', 51.95, 4.14],
  ['NLAMS', 'Amsterdam', 'Europe/Amsterdam', 52.41, 4.79],
  ['BEANR', 'Antwerp-Bruges', 'Europe/Brussels', 51.27, 4.33],
  ['DEHAM', 'Hamburg', 'Europe/Berlin', 53.54, 9.97],
  ['DEBRV', 'Bremerhaven', 'Europe/Berlin', 53.56, 8.55],
  ['DKAAR', 'Aarhus', 'Europe/Copenhagen', 56.15, 10.23],
  ['DKCPH', 'Copenhagen', 'Europe/Copenhagen', 55.70, 12.61],
  ['SEGOT', 'Gothenburg', 'Europe/Stockholm', 57.69, 11.86],
  ['PLGDN', 'Gdańsk', 'Europe/Warsaw', 54.40, 18.67],
  ['GBFXT', 'Felixstowe', 'Europe/London', 51.95, 1.32],
  ['GBSOU', 'Southampton', 'Europe/London', 50.90, -1.43],
  ['FRLEH', 'Le Havre', 'Europe/Paris', 49.48, 0.11],
  ['ESALG', 'Algeciras', 'Europe/Madrid', 36.13, -5.44],
  ['ESVLC', 'Valencia', 'Europe/Madrid', 39.44, -0.32],
  ['PTSIE', 'Sines', 'Europe/Lisbon', 37.95, -8.87],
  ['ITGOA', 'Genoa', 'Europe/Rome', 44.40, 8.91],
  ['GRPIR', 'Piraeus', 'Europe/Athens', 37.94, 23.62],
  ['TRAMB', 'Ambarlı', 'Europe/Istanbul', 40.97, 28.69],
  // India
  ['INNSA', 'Nhava Sheva (JNPA)', 'Asia/Kolkata', 18.95, 72.95],
  ['INMUN', 'Mundra', 'Asia/Kolkata', 22.74, 69.70],
  ['INMAA', 'Chennai', 'Asia/Kolkata', 13.10, 80.30],
  ['INVTZ', 'Visakhapatnam', 'Asia/Kolkata', 17.69, 83.29],
  ['INCOK', 'Kochi', 'Asia/Kolkata', 9.97, 76.26],
  ['INPAV', 'Pipavav', 'Asia/Kolkata', 20.91, 71.51],
  ['INKAT', 'Kattupalli', 'Asia/Kolkata', 13.31, 80.35],
  ['INCCU', 'Kolkata', 'Asia/Kolkata', 22.54, 88.31],
  // Middle East, Africa
  ['AEJEA', 'Jebel Ali', 'Asia/Dubai', 25.01, 55.06],
  ['OMSLL', 'Salalah', 'Asia/Muscat', 16.94, 54.00],
  ['SAJED', 'Jeddah', 'Asia/Riyadh', 21.48, 39.17],
  ['EGPSD', 'Port Said', 'Africa/Cairo', 31.26, 32.30],
  ['MAPTM', 'Tanger Med', 'Africa/Casablanca', 35.89, -5.50],
  ['ZADUR', 'Durban', 'Africa/Johannesburg', -29.87, 31.03],
  ['KEMBA', 'Mombasa', 'Africa/Nairobi', -4.06, 39.65],
  // Asia
  ['SGSIN', 'Singapore', 'Asia/Singapore', 1.26, 103.84],
  ['MYPKG', 'Port Klang', 'Asia/Kuala_Lumpur', 3.00, 101.39],
  ['MYTPP', 'Tanjung Pelepas', 'Asia/Kuala_Lumpur', 1.36, 103.55],
  ['LKCMB', 'Colombo', 'Asia/Colombo', 6.95, 79.84],
  ['CNSHA', 'Shanghai', 'Asia/Shanghai', 31.36, 121.61],
  ['CNNGB', 'Ningbo-Zhoushan', 'Asia/Shanghai', 29.93, 121.84],
  ['CNYTN', 'Yantian', 'Asia/Shanghai', 22.57, 114.27],
  ['HKHKG', 'Hong Kong', 'Asia/Hong_Kong', 22.33, 114.12],
  ['KRPUS', 'Busan', 'Asia/Seoul', 35.08, 128.83],
  ['JPTYO', 'Tokyo', 'Asia/Tokyo', 35.62, 139.79],
  ['VNSGN', 'Ho Chi Minh City', 'Asia/Ho_Chi_Minh', 10.77, 106.71],
  // Americas, Oceania
  ['USLAX', 'Los Angeles', 'America/Los_Angeles', 33.73, -118.26],
  ['USLGB', 'Long Beach', 'America/Los_Angeles', 33.75, -118.21],
  ['USNYC', 'New York', 'America/New_York', 40.67, -74.04],
  ['USSAV', 'Savannah', 'America/New_York', 32.08, -81.09],
  ['USHOU', 'Houston', 'America/Chicago', 29.73, -95.27],
  ['CAVAN', 'Vancouver', 'America/Vancouver', 49.29, -123.11],
  ['PAMIT', 'Manzanillo (Panama)', 'America/Panama', 9.36, -79.88],
  ['BRSSZ', 'Santos', 'America/Sao_Paulo', -23.96, -46.30],
  ['BRPNG', 'Paranaguá', 'America/Sao_Paulo', -25.50, -48.52],
  ['AUMEL', 'Melbourne', 'Australia/Melbourne', -37.83, 144.92],
  ['AUSYD', 'Sydney', 'Australia/Sydney', -33.97, 151.21],
];

export const REFERENCE_PORTS: ReadonlyMap<string, ReferencePort> = new Map(
  ROWS.map(([code, portName, timeZone, latitude, longitude]) => [
    code,
    { UNLocationCode: code, portName, countryCode: code.slice(0, 2), timeZone, latitude, longitude },
  ]),
);
