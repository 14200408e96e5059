// Parses the iCalendar file named on the command line with ical.js and prints what a
// calendar client would read from it, as JSON. Malformed input throws, and node exits 1.
import ICAL from './ical.js';
import { readFileSync } from 'node:fs';

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], 'utf8')));
if (root.name !== 'vcalendar') {
  throw new Error('not a VCALENDAR: ' + root.name);
}
const zones = root.getAllSubcomponents('vtimezone');
for (const z of zones) {
  ICAL.TimezoneService.register(z);
}
const events = root.getAllSubcomponents('vevent').map((v) => {
  const e = new ICAL.Event(v);
  return {
    uid: e.uid,
    summary: e.summary,
    description: e.description || '',
    location: e.location || '',
    url: v.getFirstPropertyValue('url') || '',
    status: v.getFirstPropertyValue('status') || '',
    sequence: e.sequence || 0,
    zone: e.startDate.zone ? e.startDate.zone.tzid : '',
    // A whole-day entry: its first day and the day after it (DTEND), YYYY-MM-DD.
    all_day: e.startDate.isDate,
    day: e.startDate.isDate ? e.startDate.toString() : '',
    end_day: e.endDate.isDate ? e.endDate.toString() : '',
    // The instants, through the calendar's own VTIMEZONE.
    start: e.startDate.toJSDate().toISOString(),
    end: e.endDate.toJSDate().toISOString(),
  };
});
console.log(JSON.stringify({
  name: root.getFirstPropertyValue('x-wr-calname') || '',
  zones: zones.map((z) => z.getFirstPropertyValue('tzid')),
  events,
}));
