#!/usr/bin/env python3
# usage: next-hour.py requests-LAST.jsonl OUT.jsonl
# One more hour of logs: a request file's last hour again one hour later, under new request ids.
import json, sys, datetime
src, dst = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(src)]
last = max(r['ts'] for r in rows)[:13]
n = 0
with open(dst, 'w') as out:
    for r in rows:
        if r['ts'][:13] != last:
            continue
        t = datetime.datetime.fromisoformat(r['ts'].replace('Z', '+00:00')) + datetime.timedelta(hours=1)
        r['request_id'] = 'rh_' + r['request_id']
        r['ts'] = t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'
        out.write(json.dumps(r, separators=(',', ':'), ensure_ascii=False) + '\n')
        n += 1
print(last, n)
