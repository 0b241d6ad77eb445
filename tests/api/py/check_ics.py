"""Parse invitation files with the independent `icalendar` package.

Usage: check_ics.py EXPECTATIONS.json
EXPECTATIONS is a list of {"path", "method", "uid", "attendees", "summary"?,
"dtstart"?, "status"?}; every file must parse and match. Exit 1 on any mismatch.
"""
import json
import sys

import icalendar


def main() -> int:
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    failures = []
    for case in cases:
        raw = open(case["path"], "rb").read()
        try:
            cal = icalendar.Calendar.from_ical(raw)
        except Exception as e:  # noqa: BLE001 - report every failure
            failures.append(f"{case['path']}: does not parse: {e}")
            continue
        method = cal.get("METHOD")
        if case.get("method") is not None and str(method or "") != case["method"]:
            failures.append(f"{case['path']}: METHOD {method!r} != {case['method']!r}")
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        if len(events) != case.get("events", 1):
            failures.append(f"{case['path']}: {len(events)} events")
            continue
        ev = events[0]
        if str(ev.get("UID")) != case["uid"]:
            failures.append(f"{case['path']}: UID {ev.get('UID')!r}")
        att = ev.get("ATTENDEE")
        att = att if isinstance(att, list) else [att] if att else []
        got = sorted(str(a).lower() for a in att)
        if got != sorted(a.lower() for a in case["attendees"]):
            failures.append(f"{case['path']}: attendees {got}")
        if "summary" in case and str(ev.get("SUMMARY")) != case["summary"]:
            failures.append(f"{case['path']}: SUMMARY {str(ev.get('SUMMARY'))!r} != {case['summary']!r}")
        if "description" in case and str(ev.get("DESCRIPTION")) != case["description"]:
            failures.append(f"{case['path']}: DESCRIPTION differs: {str(ev.get('DESCRIPTION'))!r}")
        if "dtstart" in case:
            start = ev.decoded("DTSTART")
            if start.isoformat() != case["dtstart"]:
                failures.append(f"{case['path']}: DTSTART {start.isoformat()} != {case['dtstart']}")
        if "status" in case and str(ev.get("STATUS")) != case["status"]:
            failures.append(f"{case['path']}: STATUS {ev.get('STATUS')!r}")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"checked {len(cases)} calendars, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
