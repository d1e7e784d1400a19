using System.Security.Claims;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Web.Components.Pages.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace InvestigationConsole.Web.Components.Pages.Detection;

/// <summary>The settings editor's behaviour: load the active version, edit it as a form or JSON, backtest, save (Admins only).</summary>
public partial class SettingsEditor
{
    /// <summary>A signal's setting key in words, as the queue and explanations name it: "chainOfThought" is "chain of thought".</summary>
    internal static string SignalLabel(string key) =>
        string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private ActiveDetectionSettings? _active;
    private SettingsDraft? _draft;
    private string _json = "";
    private IReadOnlyList<string> _jsonErrors = [];
    private BacktestResult? _backtest;
    private string? _note;
    private bool _busy;
    private int _tab;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        _active = await scope.ServiceProvider.GetRequiredService<DetectionSettingsCatalog>().GetActiveAsync();
        _draft = SettingsDraft.From(_active.Settings);
        _json = _draft.ToJson();
        _jsonErrors = [];
    }

    private void ShowJson()
    {
        if (_draft is not null && _jsonErrors.Count == 0)
        {
            _json = _draft.ToJson();
        }
    }

    private void UseJson()
    {
        _jsonErrors = _draft!.LoadJson(_json);
        if (_jsonErrors.Count == 0)
        {
            Snackbar.Add("JSON checked: the form now shows its values. Backtest or save it.", Severity.Success);
        }
    }

    /// <summary>The proposed settings, or null with the errors shown (and the JSON tab opened).</summary>
    private DetectionSettings? Proposed()
    {
        var built = _draft!.Build();
        _jsonErrors = built.Errors;
        if (!built.IsValid)
        {
            _tab = 1;
        }

        return built.IsValid ? built.Settings : null;
    }

    private async Task BacktestAsync()
    {
        if (Proposed() is not { } settings || !await IsAdministratorAsync())
        {
            return;
        }

        _busy = true;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            _backtest = await scope.ServiceProvider.GetRequiredService<DetectionBacktest>().RunAsync(settings);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveAsync()
    {
        if (string.IsNullOrWhiteSpace(_note) || Proposed() is not { } settings || await AdministratorAsync() is not { } admin)
        {
            return;
        }

        _busy = true;
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var version = await scope.ServiceProvider.GetRequiredService<DetectionSettingsCatalog>().SaveAsync(settings, _note, admin.Identity!.Name!);
            Snackbar.Add($"Saved as version {version}. The next recompute uses it (a full one re-reads every account).", Severity.Success);
            _note = null;
            _backtest = null;
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<bool> IsAdministratorAsync() => await AdministratorAsync() is not null;

    private async Task<ClaimsPrincipal?> AdministratorAsync()
    {
        var admin = await Authorization.CurrentAdministratorAsync(Authentication);
        if (admin is null)
        {
            Snackbar.Add(AdministratorCheck.Refusal, Severity.Error);
        }

        return admin;
    }
}
