import { defineElement } from '../../core/define.ts';
import { VesselSchedule } from './vessel-schedule.component.ts';

export { VesselSchedule } from './vessel-schedule.component.ts';

defineElement('porttask-vessel-schedule', VesselSchedule);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-vessel-schedule': VesselSchedule;
  }
}
