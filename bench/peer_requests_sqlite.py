#!/usr/bin/python3
"""The peer: the script a user would otherwise write. requests with keep-alive, the pages
followed through meta.next_page, each page upserted into SQLite with one executemany in one
transaction (WAL), or appended to a JSON Lines file.

usage: peer_requests_sqlite.py BASE_URL sqlite|jsonl OUTPUT
"""
import json
import sqlite3
import sys

import requests


def pages(base_url):
    session = requests.Session()
    url = base_url + "/page-1.json"
    while url:
        response = session.get(url, headers={"Authorization": "Bearer bench-token"}, timeout=30)
        response.raise_for_status()
        body = response.json()
        yield body["data"]
        url = base_url + body["meta"]["next_page"] if body["meta"]["next_page"] else None


def to_sqlite(base_url, path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS orgs (id INTEGER PRIMARY KEY, name TEXT, entity_type TEXT, "
               "status INTEGER, currency_code TEXT, version INTEGER, created_on TEXT)")
    columns = ("id", "name", "entity_type", "status", "currency_code", "version", "created_on")
    for records in pages(base_url):
        with db:
            db.executemany("INSERT INTO orgs VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                           "name = excluded.name, entity_type = excluded.entity_type, status = excluded.status, "
                           "currency_code = excluded.currency_code, version = excluded.version, "
                           "created_on = excluded.created_on",
                           [tuple(r[c] for c in columns) for r in records])
    db.close()


def to_jsonl(base_url, path):
    with open(path, "w") as out:
        for records in pages(base_url):
            for r in records:
                out.write(json.dumps(r, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    (to_sqlite if sys.argv[2] == "sqlite" else to_jsonl)(sys.argv[1], sys.argv[3])
