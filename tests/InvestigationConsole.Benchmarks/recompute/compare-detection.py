#!/usr/bin/env python3
# usage: compare-detection.py A.db B.db [--ignore-first-flagged]
# Compares what two scored databases' detection runs left: every score row (but the run id and time, which now name
# the run that last changed a row), cluster, member and link. Opened read-only (immutable): neither file is touched.
import sqlite3, sys, hashlib
def open_ro(path):
    return sqlite3.connect(f'file:{path}?immutable=1', uri=True)
queries = {
    'AccountRiskScores': 'SELECT AccountKey, Score, Flagged, ScoreBeforeCluster, ClusterId, TopSignals, SignalsJson, CorroboratingFamilies, FirstFlaggedAt FROM AccountRiskScores ORDER BY AccountKey',
    'Clusters': 'SELECT Id, Risk, Size, IsCampaign, DominantLinkTypes, SharedAttributesJson, Description, FirstActivityAt, LastActivityAt FROM Clusters ORDER BY Id',
    'ClusterMembers': 'SELECT AccountKey, ClusterId FROM ClusterMembers ORDER BY AccountKey, ClusterId',
    'ClusterLinks': 'SELECT AccountKey, OtherAccountKey, Weight, IsStrong, EvidenceJson FROM ClusterLinks ORDER BY AccountKey, OtherAccountKey',
}
a, b = open_ro(sys.argv[1]), open_ro(sys.argv[2])
skip_first_flagged = len(sys.argv) > 3 and sys.argv[3] == '--ignore-first-flagged'
ok = True
for table, sql in queries.items():
    ca, cb = a.execute(sql), b.execute(sql)
    n = diff = 0
    shown = 0
    while True:
        ra, rb = ca.fetchone(), cb.fetchone()
        if ra is None and rb is None:
            break
        n += 1
        if skip_first_flagged and table == 'AccountRiskScores' and ra and rb:
            ra, rb = ra[:-1], rb[:-1]
        if ra != rb:
            diff += 1
            if shown < 3:
                print(f'  {table} differs: {str(ra)[:300]}\n            vs {str(rb)[:300]}')
                shown += 1
    print(f'{table}: {n} rows compared, {diff} differ')
    ok = ok and diff == 0
print('IDENTICAL' if ok else 'DIFFERENT')
sys.exit(0 if ok else 1)
