import type { Region } from '@porttask/sdk/schemas';
import type { ClockSettings } from './clocks/index.ts';

/**
 * Until a tenant names its own time zone and holiday calendar, the region it is pinned to
 * gives them: the day a request is received on, and the business days CCPA counts.
 */
const REGION_DEFAULTS: Record<Region, ClockSettings> = {
  eu: { timeZone: 'Europe/Brussels', holidayRegion: { country: 'BE' } },
  us: { timeZone: 'America/Los_Angeles', holidayRegion: { country: 'US', state: 'CA' } },
  in: { timeZone: 'Asia/Kolkata', holidayRegion: { country: 'IN' } },
  br: { timeZone: 'America/Sao_Paulo', holidayRegion: { country: 'BR' } },
  sg: { timeZone: 'Asia/Singapore', holidayRegion: { country: 'SG' } },
};

export function clockSettingsFor(region: Region): ClockSettings {
  return REGION_DEFAULTS[region];
}
