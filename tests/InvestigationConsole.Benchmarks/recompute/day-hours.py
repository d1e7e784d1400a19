#!/usr/bin/env python3
# usage: day-hours.py DAYFILE OUTDIR DAYS PREFIX
# A day of logs replayed hour by hour: each hour of DAYFILE (an export's requests-YYYY-MM-DD.jsonl) as its own file
# OUTDIR/requests-dHH.jsonl, DAYS days later, request ids PREFIX + id. The accounts an hour touches change from hour to
# hour as in the export, so some have no analyzer state to resume from (the realistic case for incremental runs).
import json, sys, datetime
src, out, days, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = {}
for line in open(src):
    r = json.loads(line)
    t = datetime.datetime.fromisoformat(r['ts'].replace('Z', '+00:00')) + datetime.timedelta(days=days)
    r['ts'] = t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'
    r['request_id'] = prefix + r['request_id']
    h = t.hour
    if h not in files:
        files[h] = open(f'{out}/requests-d{h:02d}.jsonl', 'w')
    files[h].write(json.dumps(r, separators=(',', ':'), ensure_ascii=False) + '\n')
for f in files.values(): f.close()
