#!/usr/bin/env python3
# usage: digest-detection.py A.db > digest.txt   (diff two digests to compare states of one database)
# Writes one line per table: row count and SHA-256 of every row a run writes (score rows without their run and time).
import sqlite3, sys, hashlib
queries = {
    'AccountRiskScores': 'SELECT AccountKey, Score, Flagged, ScoreBeforeCluster, ClusterId, TopSignals, SignalsJson, CorroboratingFamilies, FirstFlaggedAt FROM AccountRiskScores ORDER BY AccountKey',
    'Clusters': 'SELECT Id, Risk, Size, IsCampaign, DominantLinkTypes, SharedAttributesJson, Description, FirstActivityAt, LastActivityAt FROM Clusters ORDER BY Id',
    'ClusterMembers': 'SELECT AccountKey, ClusterId FROM ClusterMembers ORDER BY AccountKey, ClusterId',
    'ClusterLinks': 'SELECT AccountKey, OtherAccountKey, Weight, IsStrong, EvidenceJson FROM ClusterLinks ORDER BY AccountKey, OtherAccountKey',
}
db = sqlite3.connect(f'file:{sys.argv[1]}?immutable=1', uri=True)
for table, sql in queries.items():
    h = hashlib.sha256(); n = 0
    for row in db.execute(sql):
        h.update(repr(row).encode()); n += 1
    print(table, n, h.hexdigest())
