"""China's public holidays and the weekend days made up for them (调休), as the talent office enters
them in `core.models.CalendarDay` when the State Council publishes them each year.

2025 and 2026 are the published arrangements. 2027 is not published yet: its dates follow the
lunar calendar and the HR park's closed days (`venues.demo.rooms.HOLIDAYS`), and the made-up
days are the office's provisional guess, to be corrected when the notice comes out.

Only the days that break the ordinary week are rows: a holiday that falls on a weekday (a day
off) and a weekend day worked (`working=True`). A holiday's weekend days are off anyway.
"""

import datetime

from talentzone.venues.demo.rooms import HOLIDAYS

D = datetime.date

# (made-up working day, the holiday it is made up for)
MADE_UP_DAYS = (
    (D(2025, 1, 26), "春节"),
    (D(2025, 2, 8), "春节"),
    (D(2025, 4, 27), "劳动节"),
    (D(2025, 9, 28), "国庆节、中秋节"),
    (D(2025, 10, 11), "国庆节、中秋节"),
    (D(2026, 1, 4), "元旦"),
    (D(2026, 2, 14), "春节"),
    (D(2026, 2, 28), "春节"),
    (D(2026, 5, 9), "劳动节"),
    (D(2026, 9, 20), "国庆节"),
    (D(2026, 10, 10), "国庆节"),
    # 2027: provisional
    (D(2027, 1, 31), "春节"),
    (D(2027, 2, 20), "春节"),
    (D(2027, 5, 8), "劳动节"),
    (D(2027, 9, 26), "国庆节"),
    (D(2027, 10, 9), "国庆节"),
)


def calendar_days() -> list[tuple[datetime.date, bool, str]]:
    """(date, working, name) of every exception of 2025–2027, in date order."""
    days: dict[datetime.date, tuple[bool, str]] = {}
    for holiday in HOLIDAYS:
        for offset in range(holiday.days):
            day = holiday.first + datetime.timedelta(days=offset)
            if day.weekday() < 5:
                days[day] = (False, holiday.name)
    for day, name in MADE_UP_DAYS:
        assert day.weekday() >= 5 and day not in days, day
        days[day] = (True, f"{name}调休上班")
    return [(day, working, name) for day, (working, name) in sorted(days.items())]
