#!/usr/bin/python3
"""The oracle for apirunner's schedules: python3-croniter and Python's zoneinfo.

Prints generated cases, one a line: EXPRESSION|ZONE|FROM|RUN RUN RUN, where FROM and each RUN are
Unix seconds and a RUN is "none" when the expression never matches. croniter matches the
expression on the wall clock; zoneinfo maps wall times to instants under apirunner's
daylight-saving rule (runner/src/schedule/schedule.hpp): a skipped time runs at the instant the
clocks jump, a repeated time at its first occurrence, each run once.

usage: cron_oracle.py CASES SEED
"""
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

os.environ["TZ"] = "UTC"  # croniter reads naive datetimes; keep the machine's zone out of it
time.tzset()

from croniter import croniter  # noqa: E402

ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Europe/London", "Australia/Sydney",
         "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham",
         "America/Sao_Paulo", "Asia/Tehran", "Africa/Casablanca"]
FIRST = datetime(2025, 1, 1, tzinfo=timezone.utc)
LAST = datetime(2036, 12, 1, tzinfo=timezone.utc)
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]


def item(rng, low, high, names, open_step):
    def value(v):
        return names[v - low] if names and rng.random() < 0.4 else str(v)
    a, b = sorted(rng.sample(range(low, high + 1), 2))
    step = rng.randint(2, max(2, (high - low) // 2))
    forms = [value(a), value(a), f"{value(a)}-{value(b)}", f"*/{step}", f"{a}-{b}/{step}"]
    return rng.choice(forms + ([f"{a}/{step}"] if open_step else []))


def field(rng, low, high, names=None, star=0.5, open_step=True):
    if rng.random() < star:
        return "*"
    count = rng.choice([1, 1, 1, 2, 3])
    return ",".join(item(rng, low, high, names, open_step) for _ in range(count))


def expression(rng):
    if rng.random() < 0.04:
        return rng.choice(["@hourly", "@daily", "@weekly", "@monthly", "@yearly"])
    seconds = rng.random() < 0.25
    # croniter 1.3.5 forgets that a weekday step such as 1/2 runs on to 7, Sunday, when the
    # expression has seconds: that one form is left out of such expressions.
    fields = [field(rng, 0, 59, star=0.2), field(rng, 0, 23, star=0.4),
              field(rng, 1, 28 if rng.random() < 0.8 else 31, star=0.7),
              field(rng, 1, 12, MONTHS, star=0.7), field(rng, 0, 6, DAYS, star=0.7, open_step=not seconds)]
    if seconds:
        fields.insert(0, field(rng, 0, 59, star=0.3))
    return " ".join(fields)


def croniter_form(expr):
    """apirunner writes seconds first, croniter last."""
    fields = expr.split()
    return " ".join(fields[1:] + fields[:1]) if len(fields) == 6 else expr


def transitions(zone):
    """Every instant in [FIRST, LAST] at which the zone's offset changes."""
    found = []
    day = FIRST
    while day < LAST:
        later = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset():
            lo, hi = day, later
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(zone).utcoffset() == lo.astimezone(zone).utcoffset():
                    lo = mid
                else:
                    hi = mid
            found.append(hi.replace(microsecond=0))
        day = later
    return found


def instant_of(wall, zone):
    first = wall.replace(tzinfo=zone, fold=0).astimezone(timezone.utc)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first  # it exists; when it exists twice, fold=0 is the first time
    # Skipped: the jump lies between the wall time read with the later offset and the earlier.
    lo = wall.replace(tzinfo=zone, fold=1).astimezone(timezone.utc)
    hi = first
    after = hi.astimezone(zone).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(zone).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return hi.replace(microsecond=0)


def next_after(expr, zone, after):
    wall = after.astimezone(zone).replace(tzinfo=None)
    runs = croniter(croniter_form(expr), wall, max_years_between_matches=9)
    while True:
        try:
            match = runs.get_next(datetime)
        except Exception:  # croniter gives up: no match within the years allowed
            return None
        if match > wall + timedelta(days=8 * 366):
            return None
        at = instant_of(match, zone)
        if at > after:
            return at


def main():
    cases, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    zones = {name: ZoneInfo(name) for name in ZONES}
    jumps = {name: transitions(zone) for name, zone in zones.items()}
    out = []
    for _ in range(cases):
        name = rng.choice(ZONES)
        if jumps[name] and rng.random() < 0.5:
            start = rng.choice(jumps[name]) + timedelta(seconds=rng.randint(-3 * 3600, 3 * 3600))
        else:
            start = FIRST + timedelta(seconds=rng.randint(0, int((LAST - FIRST).total_seconds())))
        expr = expression(rng)
        runs, at = [], start
        for _ in range(3):
            at = next_after(expr, zones[name], at) if at else None
            runs.append(str(int(at.timestamp())) if at else "none")
        out.append(f"{expr}|{name}|{int(start.timestamp())}|{' '.join(runs)}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
