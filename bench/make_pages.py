#!/usr/bin/python3
"""Writes the benchmark's pages: MediaMath-shaped organizations (about 170 bytes each), PER_PAGE
to a page, as static files page-1.json ... page-N.json, each with meta.next_page naming the next.

usage: make_pages.py DIR RECORDS PER_PAGE
"""
import json
import os
import sys

CURRENCIES = ["USD", "EUR", "GBP", "JPY"]


def record(index):
    return {"id": 100000 + index, "name": "Organization %d" % (index + 1), "entity_type": "organization",
            "status": index % 7 != 0, "currency_code": CURRENCIES[index % 4], "version": index % 5,
            "created_on": "2024-01-%02dT00:00:00+00:00" % (index % 28 + 1)}


def main():
    folder, records, per_page = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    pages = (records + per_page - 1) // per_page
    for page in range(1, pages + 1):
        start = (page - 1) * per_page
        body = {"data": [record(i) for i in range(start, min(records, start + per_page))],
                "meta": {"count": min(per_page, records - start), "total_count": records,
                         "next_page": "/page-%d.json" % (page + 1) if page < pages else None}}
        with open(os.path.join(folder, "page-%d.json" % page), "w") as out:
            json.dump(body, out, separators=(",", ":"))


if __name__ == "__main__":
    main()
