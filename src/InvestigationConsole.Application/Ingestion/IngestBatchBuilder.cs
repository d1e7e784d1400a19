using System.Globalization;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Turns parsed lines into one <see cref="IngestBatch"/>: duplicates dropped, placeholder accounts created, evidence
/// samples chosen; rollups, addresses and account totals accumulate in <see cref="Rollups"/> across batches. Mutates the snapshot as it goes; if the batch is not committed the
/// snapshot must be discarded. One builder per run of one file, starting from the file's ledger row as it was read.
/// </summary>
internal sealed class IngestBatchBuilder(IngestFile file, IngestSnapshot snapshot, IIngestStore store, RequestKeySet storedKeys, IngestOptions options, TimeProvider clock)
{
    /// <summary>The snapshot as the batches built so far left it (what the store holds once they and the rollups are committed).</summary>
    public IngestSnapshot Snapshot => snapshot;

    /// <summary>The rollups of the file's requests built so far and not yet handed to a batch.</summary>
    public FileRollups Rollups { get; private set; } = new();

    /// <summary>Hands over the pending rollups (to be written with a batch) and starts new ones.</summary>
    public FileRollups TakeRollups()
    {
        var taken = Rollups;
        Rollups = new FileRollups();
        return taken;
    }

    /// <summary>The ledger row as it reads after the last batch built (its commit may still be running).</summary>
    private IngestFile _built = file;

    /// <summary>The request ids of the last chunk built: its batch may not be committed yet, so the store cannot see them.</summary>
    private HashSet<string> _previousIds = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the file's next batch. The batch carries its own copy of the ledger row (counters and checkpoint after it),
    /// so the next batch can be built while this one commits; the row the builder started from is left for the caller
    /// to update from committed batches.
    /// </summary>
    public async Task<IngestBatch> BuildAsync(ParsedChunk chunk, CancellationToken cancellationToken)
    {
        var row = _built.Copy();
        var batch = new IngestBatch { File = row };
        var keys = await ResolveRequestKeysAsync(chunk, cancellationToken);
        for (var i = 0; i < chunk.Lines.Count; i++)
        {
            var line = chunk.Lines[i];
            if (line.Rejection is { } rejection)
            {
                row.Rejected++;
                batch.Quarantine.Add(new QuarantinedLine
                {
                    FileId = row.Id,
                    LineNumber = rejection.LineNumber,
                    Reason = rejection.Reason.ToString(),
                    Field = rejection.Field,
                    Message = rejection.Message.Length > 512 ? rejection.Message[..512] : rejection.Message,
                    RawText = rejection.RawText,
                });
            }
            else if (line.Account is { } account)
            {
                AddAccount(batch, row, account);
            }
            else if (line.Request is { } request)
            {
                if (keys[i] is { } key)
                {
                    AddRequest(batch, request, key, chunk.Features[i]);
                    row.Accepted++;
                }
                else
                {
                    row.Duplicates++;
                }
            }
        }

        row.LinesRead = chunk.LinesReadAfter;
        row.CheckpointLine = chunk.LinesReadAfter;
        _built = row;
        return batch;
    }

    /// <summary>
    /// The key of each new request line, or null for a duplicate (within this chunk, in the chunk before it, or already
    /// stored). Keys the in-memory set has never seen are new; the rest are confirmed by request id in the store
    /// (ADR-004). The chunk before is checked by id, not in the store: its batch may still be committing.
    /// </summary>
    private async Task<long?[]> ResolveRequestKeysAsync(ParsedChunk chunk, CancellationToken cancellationToken)
    {
        var keys = new long?[chunk.Lines.Count];
        var seenIds = new HashSet<string>(chunk.Lines.Count, StringComparer.Ordinal);
        var probes = new List<(int Index, RequestProbe Probe)>();
        for (var i = 0; i < chunk.Lines.Count; i++)
        {
            if (chunk.Lines[i].Request is not { } request || !seenIds.Add(request.RequestId) || _previousIds.Contains(request.RequestId))
            {
                continue;
            }

            var key = RequestKey.Of(request.RequestId);
            if (storedKeys.MayContain(key))
            {
                int? account = snapshot.Accounts.TryGetValue(request.AccountId, out var state) ? state.Key : null;
                probes.Add((i, new RequestProbe(request.RequestId, key, ApiRequest.DayOf(request.Timestamp), account, request.Timestamp)));
            }
            else
            {
                keys[i] = key;
            }
        }

        if (probes.Count > 0)
        {
            var stored = await store.FindStoredAsync(probes.Select(p => p.Probe).ToList(), cancellationToken);
            foreach (var (index, probe) in probes)
            {
                keys[index] = stored.Contains(probe.RequestId) ? null : probe.Key;
            }
        }

        _previousIds = seenIds;
        return keys;
    }

    private void AddAccount(IngestBatch batch, IngestFile row, AccountRecord record)
    {
        var account = new Account
        {
            AccountId = record.AccountId,
            OrgId = record.OrgId,
            CreatedAt = record.CreatedAt,
            EmailDomain = record.EmailDomain,
            EmailLocalSha256 = record.EmailLocalSha256,
            PaymentFingerprint = record.PaymentFingerprint,
            BillingCountry = record.BillingCountry,
            SignupIp = record.SignupIp?.ToString(),
            SignupPrefix = record.SignupIp is null ? null : IpPrefix.Of(record.SignupIp),
            Verification = (IdentityVerification)(int)record.Verification,
            Tier = (UsageTier)(int)record.Tier,
            RegistryUpdatedAt = clock.GetUtcNow(),
        };

        if (snapshot.Accounts.TryGetValue(record.AccountId, out var state))
        {
            // A registry line for a known id replaces the registry fields; it is new only if traffic made a placeholder.
            if (state.IsPlaceholder)
            {
                row.Accepted++;
                state.IsPlaceholder = false;
            }
            else
            {
                row.Duplicates++;
            }

            account.Key = state.Key;
            batch.RegistryUpdates.Add(account);
            return;
        }

        account.Key = ++snapshot.MaxAccountKey;
        snapshot.Accounts[record.AccountId] = new AccountState(account.Key, isPlaceholder: false, promptsSeen: 0);
        batch.NewAccounts.Add(account);
        row.Accepted++;
    }

    private void AddRequest(IngestBatch batch, RequestRecord record, long key, PromptFeatures features)
    {
        var account = AccountFor(batch, record.AccountId);
        var ip = record.Ip.ToString();
        var prefix = IpPrefix.Of(record.Ip);
        var modelId = LookupId(batch, LookupKind.Model, record.Model, record.Timestamp);
        byte[]? sketch = null;
        if (!features.Sketch.IsEmpty)
        {
            sketch = new byte[Detection.Fingerprints.TemplateSketch.ByteLength];
            features.Sketch.WriteTo(sketch);
        }

        var stored = new ApiRequest
        {
            Key = key,
            RequestId = record.RequestId,
            AccountKey = account.Key,
            Timestamp = record.Timestamp,
            Day = ApiRequest.DayOf(record.Timestamp),
            ApiKeyId = record.ApiKeyId,
            Ip = ip,
            IpPrefix = prefix,
            UserAgentId = record.UserAgent is null ? null : LookupId(batch, LookupKind.UserAgent, record.UserAgent, record.Timestamp),
            ModelId = modelId,
            EndpointId = record.Endpoint is null ? null : LookupId(batch, LookupKind.Endpoint, record.Endpoint, record.Timestamp),
            InputTokens = record.InputTokens,
            OutputTokens = record.OutputTokens,
            LatencyMs = record.LatencyMs,
            Status = record.Status,
            ToolCount = record.ToolCount,
            Turns = record.Turns,
            SystemPromptHash = record.SystemPromptSha256 is { Length: >= 16 } sha ? long.Parse(sha.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null,
            PromptLength = features.Length,
            Traits = (int)features.Traits,
            Sketch = sketch,
        };
        batch.Requests.Add(stored);
        Rollups.Add(stored);
        if (stored.PromptLength > 0)
        {
            SamplePrompt(batch, account, record, key, modelId, features);
        }
    }

    private AccountState AccountFor(IngestBatch batch, string accountId)
    {
        if (snapshot.Accounts.TryGetValue(accountId, out var state))
        {
            return state;
        }

        // Traffic may name an account the registry has not exported yet: a placeholder the registry fills in later.
        state = new AccountState(++snapshot.MaxAccountKey, isPlaceholder: true, promptsSeen: 0);
        snapshot.Accounts[accountId] = state;
        batch.NewAccounts.Add(new Account { Key = state.Key, AccountId = accountId, IsPlaceholder = true });
        return state;
    }

    private int LookupId(IngestBatch batch, LookupKind kind, string value, DateTimeOffset seenAt)
    {
        if (snapshot.Lookups.TryGetValue((kind, value), out var id))
        {
            return id;
        }

        id = ++snapshot.MaxLookupId;
        snapshot.Lookups[(kind, value)] = id;
        batch.NewLookups.Add(new LookupValue { Id = id, Kind = kind, Value = value, FirstSeenAt = seenAt });
        return id;
    }

    /// <summary>Reservoir sampling (Algorithm R) with the decision drawn from the request key: a resumed batch decides the same way.</summary>
    private void SamplePrompt(IngestBatch batch, AccountState account, RequestRecord record, long key, int modelId, PromptFeatures features)
    {
        var capacity = Math.Max(0, options.EvidenceSamplesPerAccount);
        var seen = ++account.PromptsSeen;
        int slot;
        if (seen <= capacity)
        {
            slot = (int)(seen - 1);
        }
        else
        {
            var draw = (long)(RequestKey.Scramble(key) % (ulong)seen);
            if (draw >= capacity)
            {
                return;
            }

            slot = (int)draw;
        }

        batch.Samples[(account.Key, slot)] = new PromptSample
        {
            AccountKey = account.Key,
            Slot = slot,
            RequestId = record.RequestId,
            Timestamp = record.Timestamp,
            ModelId = modelId,
            Traits = (int)features.Traits,
            Prompt = record.Prompt!,
        };
    }
}

/// <summary>A run of parsed lines with their prompt features, computed off the writing thread.</summary>
internal sealed record ParsedChunk(List<GatewayLine> Lines, PromptFeatures[] Features, long LinesReadAfter, double Fraction);
