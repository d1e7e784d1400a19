using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Writes accounts.jsonl: one line per registered account in sign-up order, then (on request) a few
/// broken lines, then the re-exported lines of accounts that changed (upserts).
/// </summary>
internal static class AccountRegistryWriter
{
    public const string Stem = "accounts";

    public static async Task<IReadOnlyList<BadLine>> WriteAsync(
        SimulationWorld world, string path, bool gzip, bool injectBadLines, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(path);
        var badLines = new List<BadLine>();
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        await using var output = ExportFile.Create(path, gzip);
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var line = 0;

        async Task Emit(Action<Utf8JsonWriter> write)
        {
            json.Reset(buffer);
            write(json);
            json.Flush();
            buffer.Write("\n"u8);
            line++;
            if (buffer.WrittenCount > 1 << 19)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        var registered = world.Population.Accounts.Where(a => !a.Unregistered).OrderBy(a => a.CreatedTicks).ThenBy(a => a.Index);
        foreach (var account in registered)
        {
            await Emit(w => WriteAccount(w, account));
        }

        if (injectBadLines)
        {
            await Emit(w => w.WriteRawValue("""{"account_id":"acct_broken01","created_at":"2026-01-0""", skipInputValidation: true));
            badLines.Add(new(fileName, line, "invalid JSON (line cut short)"));
            await Emit(w => w.WriteRawValue("""{"account_id":"acct_broken02","email_domain":"example.org","verification":"email","tier":"free"}""", skipInputValidation: true));
            badLines.Add(new(fileName, line, "required field created_at missing"));
            await Emit(w => w.WriteRawValue("""{"account_id":"acct_broken03","created_at":"last tuesday","email_domain":"example.org","verification":"email","tier":"free"}""", skipInputValidation: true));
            badLines.Add(new(fileName, line, "unparseable created_at"));
        }

        foreach (var account in world.Population.Accounts)
        {
            if (account.ReExport is { } update)
            {
                await Emit(w => WriteAccount(w, update.Line));
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        return badLines;
    }

    private static void WriteAccount(Utf8JsonWriter json, SimulatedAccount account)
    {
        json.WriteStartObject();
        json.WriteString("account_id", account.IdUtf8);
        json.WriteString("org_id", account.OrgId);
        json.WriteString("created_at", SimulationClock.ToTimeText(account.CreatedTicks));
        json.WriteString("email_domain", account.EmailDomain);
        json.WriteString("email_local_sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account.EmailLocalPart.ToLowerInvariant()))));
        json.WriteString("payment_fingerprint", account.PaymentFingerprint);
        json.WriteString("billing_country", account.BillingCountry);
        json.WriteString("signup_ip", account.SignupIp == 0 ? null : AddressSpace.ToText(account.SignupIp));
        json.WriteString("verification", SimulatedAccount.VerificationText(account.Verification));
        json.WriteString("tier", SimulatedAccount.TierText(account.Tier));
        json.WriteEndObject();
    }
}
