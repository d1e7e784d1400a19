using System.Text.Encodings.Web;
using System.Text.Json;

namespace InvestigationConsole.Application.Simulation;

/// <summary>Writes truth.json: who is really behind every account, what each campaign did, and every deliberate oddity.</summary>
internal static class GroundTruthWriter
{
    public const string FileName = "truth.json";

    public static async Task WriteAsync(
        SimulationWorld world, TrafficTally tally, IReadOnlyList<BadLine> badLines, string path, CancellationToken cancellationToken)
    {
        await using var file = ExportFile.Create(path, gzip: false);
        await using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var clock = world.Clock;
        var accounts = world.Population.Accounts;
        json.WriteStartObject();
        json.WriteString("scenario", world.Plan.Name);
        json.WriteNumber("seed", world.Seed);
        json.WriteStartObject("window");
        json.WriteString("start", SimulationClock.ToTimeText(clock.StartTicks));
        json.WriteString("end", SimulationClock.ToTimeText(clock.EndTicks));
        json.WriteEndObject();

        json.WriteStartObject("accounts");
        foreach (var account in accounts)
        {
            json.WriteStartObject(account.Id);
            json.WriteString("kind", account.IsCampaign ? "campaign" : "benign");
            json.WriteString("label", account.Label);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 20)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndObject();

        json.WriteStartArray("benign_kinds");
        for (var c = 0; c < world.Cohorts.Count; c++)
        {
            if (!world.Cohorts[c].IsCampaign)
            {
                json.WriteStartObject();
                json.WriteString("kind", world.Cohorts[c].Label);
                WriteVolume(json, world, tally, c);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        json.WriteStartArray("campaigns");
        for (var c = 0; c < world.Cohorts.Count; c++)
        {
            if (world.Cohorts[c] is CampaignCohort campaign)
            {
                json.WriteStartObject();
                json.WriteString("id", campaign.Label);
                json.WriteString("kind", campaign.Kind);
                WriteVolume(json, world, tally, c);
                foreach (var (name, value) in campaign.Notes)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        json.WriteStartArray("model_releases");
        json.WriteStartObject();
        json.WriteString("model", ModelCatalog.NewModelName);
        json.WriteString("released_at", SimulationClock.ToTimeText(clock.ReleaseTicks));
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("incidents");
        json.WriteStartObject();
        json.WriteString("start", SimulationClock.ToTimeText(clock.IncidentStartTicks));
        json.WriteString("end", SimulationClock.ToTimeText(clock.IncidentEndTicks));
        json.WriteNumber("status", 529);
        json.WriteString("note", "provider outage: about 40% of every customer's requests fail at once");
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("unregistered_accounts");
        foreach (var account in accounts.Where(a => a.Unregistered))
        {
            json.WriteStartObject();
            json.WriteString("account_id", account.Id);
            json.WriteString("label", account.Label);
            json.WriteNumber("requests", tally.RequestsOf(account.Index));
            json.WriteString("reason", "signed up after the registry export: its requests name an account accounts.jsonl lacks");
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("registry_updates");
        foreach (var account in accounts.Where(a => a.ReExport is not null))
        {
            json.WriteStartObject();
            json.WriteString("account_id", account.Id);
            json.WriteString("change", account.ReExport!.Value.Change);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("bad_lines");
        foreach (var bad in badLines)
        {
            json.WriteStartObject();
            json.WriteString("file", bad.File);
            json.WriteNumber("line", bad.Line);
            json.WriteString("reason", bad.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteVolume(Utf8JsonWriter json, SimulationWorld world, TrafficTally tally, int cohort)
    {
        var label = world.Cohorts[cohort].Label;
        json.WriteNumber("accounts", world.Population.Accounts.Count(a => a.Label == label));
        json.WriteNumber("requests", tally.RequestsOfCohort(cohort));
        json.WriteStartObject("requests_by_model");
        for (byte m = 0; m < ModelCatalog.Names.Length; m++)
        {
            json.WriteNumber(ModelCatalog.Names[m], tally.RequestsOfCohort(cohort, m, firstDayAfterRelease: false));
        }

        json.WriteEndObject();
        json.WriteStartObject("requests_by_model_first_24h_after_release");
        for (byte m = 0; m < ModelCatalog.Names.Length; m++)
        {
            json.WriteNumber(ModelCatalog.Names[m], tally.RequestsOfCohort(cohort, m, firstDayAfterRelease: true));
        }

        json.WriteEndObject();
    }
}
