#!/usr/bin/env python3
# usage: next-hour-new-addresses.py SRC DST OLDSUFFIX NEWSUFFIX FRACTION SEED
# The hour after SRC: every request one hour later, its id's suffix OLDSUFFIX replaced by NEWSUFFIX (appended when
# absent), and FRACTION of the requests from an address their account never used (a fresh random IPv4).
import json, sys, datetime, random
src, dst, old, new, frac, seed = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), int(sys.argv[6])
rnd = random.Random(seed)
n = moved = 0
with open(dst, 'w') as out:
    for line in open(src):
        r = json.loads(line)
        t = datetime.datetime.fromisoformat(r['ts'].replace('Z', '+00:00')) + datetime.timedelta(hours=1)
        rid = r['request_id']
        rid = rid[:-len(old)] if old and rid.endswith(old) else rid
        r['request_id'] = rid + new
        r['ts'] = t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'
        if rnd.random() < frac:
            r['ip'] = f'{rnd.randint(11, 99)}.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}'
            moved += 1
        out.write(json.dumps(r, separators=(',', ':'), ensure_ascii=False) + '\n')
        n += 1
print(dst, n, moved)
