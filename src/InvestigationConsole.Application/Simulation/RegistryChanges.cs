namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Accounts that change after their first registry line, exported again at the end of accounts.jsonl:
/// people verify a phone or start paying; hydra accounts get a prepaid card that links them only after
/// the upsert; a developer joins an organisation.
/// </summary>
internal static class RegistryChanges
{
    public static void Apply(SimulationWorld world)
    {
        var random = SimulationRandom.For(world.SeedKey, 0x2E6);
        var population = world.Population;
        var wanted = world.Plan.RegistryUpdates;
        var changed = 0;
        for (var attempt = 0; attempt < wanted * 400 && changed < wanted && population.Accounts.Count > 0; attempt++)
        {
            var account = population[random.Next(population.Accounts.Count)];
            if (account.Unregistered || account.ReExport is not null)
            {
                continue;
            }

            var applied = (account.Label, attempt % 4) switch
            {
                (OrdinaryUsers.Kind, 0) when account.Verification == Verification.Email =>
                    Change(account, "verification email -> phone", line => line.Verification = Verification.Phone),
                (OrdinaryUsers.Kind, 1) when account.Tier == Tier.Free =>
                    Change(account, "tier free -> tier1 with a new card", line => (line.Tier, line.PaymentFingerprint) = (Tier.Tier1, population.NewCard())),
                (HydraNetwork.Id, 2) => Change(account, "prepaid card added", line => line.PaymentFingerprint = PrepaidCardOfNeighbour(population, account)),
                (IndividualDevelopers.Kind, 3) =>
                    Change(account, "joined an organisation", line => (line.OrgId, line.Tier) = (population.NewOrganisation(), Tier.Tier2)),
                (AgenticHarvest.Id, _) when account.Verification == Verification.Email =>
                    Change(account, "verification email -> phone", line => line.Verification = Verification.Phone),
                _ => false,
            };
            changed += applied ? 1 : 0;
        }
    }

    private static bool Change(SimulatedAccount account, string change, Action<SimulatedAccount> apply)
    {
        account.ChangeLater(change, apply);
        return true;
    }

    /// <summary>The card of the account enrolled just before, or a new one: cells enrol in a run.</summary>
    private static string PrepaidCardOfNeighbour(Population population, SimulatedAccount account) =>
        account.Index > 0 && population[account.Index - 1].PaymentFingerprint is { } card && population[account.Index - 1].Label == account.Label
            ? card
            : population.NewCard();
}
