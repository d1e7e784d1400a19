using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestigationConsole.Detection.Pipeline;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// A SHA-256 over everything the engine decides, in its order: every account's risk before and after cluster context
/// (scores and signal values as their exact bits, evidence texts), every cluster and every link with its evidence.
/// </summary>
internal static class EngineResultDigest
{
    public static string Of(DetectionResult result)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        void Flush()
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
        }

        foreach (var risks in new[] { result.RisksBeforeContext, result.Risks })
        {
            foreach (var risk in risks)
            {
                text.Append(CultureInfo.InvariantCulture, $"{risk.AccountId}|{Bits(risk.Score)}|{risk.Flagged}|{string.Join(',', risk.CorroboratingFamilies)}\n");
                foreach (var s in risk.Signals)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {s.Name}|{s.Family}|{Bits(s.Value)}|{Bits(s.Contribution)}|{Bits(s.Max)}|{s.Evidence}\n");
                }

                if (text.Length > 1 << 20)
                {
                    Flush();
                }
            }
        }

        foreach (var cluster in result.Clustering.Clusters)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"C{cluster.Id}|{string.Join(',', cluster.Members)}|{Bits(cluster.Risk)}|{Bits(cluster.MeanLinkWeight)}|{string.Join(',', cluster.DominantLinkTypes)}|{string.Join('\u001f', cluster.SharedAttributes)}|{cluster.IsCampaign}\n");
            if (text.Length > 1 << 20)
            {
                Flush();
            }
        }

        text.Append(string.Join(',', result.Clustering.ClusterOfAccount)).Append('\n');
        foreach (var link in result.Graph.Links)
        {
            text.Append(CultureInfo.InvariantCulture, $"L{link.A}|{link.B}|{Bits(link.Weight)}");
            foreach (var e in link.Evidence)
            {
                text.Append(CultureInfo.InvariantCulture, $"|{e.Type},{Bits(e.Weight)},{e.Shared},{e.Attribute}");
            }

            text.Append('\n');
            if (text.Length > 1 << 20)
            {
                Flush();
            }
        }

        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}
