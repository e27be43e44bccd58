#!/usr/bin/env python3
"""The moment of 清明 (the Sun's apparent geocentric ecliptic longitude of date = 15°) for
2020–2050, in Beijing time (UTC+8), by PyEphem (libastro, VSOP87) — an astronomical computation
independent of tyme4rs, whose output tests/calendar.rs writes out as its reference list.

    python3 -m venv /tmp/ephem && /tmp/ephem/bin/pip install ephem==4.2.1
    /tmp/ephem/bin/python scripts/lunar-table/qingming.py
"""
import math
import ephem


def longitude(t):
    s = ephem.Sun()
    s.compute(t, epoch=t)
    return math.degrees(ephem.Ecliptic(ephem.Equatorial(s.g_ra, s.g_dec, epoch=t), epoch=t).lon)


for year in range(2020, 2051):
    lo, hi = ephem.Date(f"{year}/4/2"), ephem.Date(f"{year}/4/8")
    for _ in range(60):
        mid = ephem.Date((lo + hi) / 2)
        if longitude(mid) < 15.0:
            lo = mid
        else:
            hi = mid
    beijing = ephem.Date(lo + 8 * ephem.hour)
    y, m, d, hh, mm, ss = beijing.tuple()
    minutes = round(hh * 60 + mm + ss / 60)
    print(f"({year}, {d}, {minutes // 60}, {minutes % 60}),")
