using InvestigationConsole.Application.Triage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace InvestigationConsole.Web.Components.Pages.Triage;

/// <summary>The triage queue's behaviour: loading pages, keyboard shortcuts, claims, dismissals, assignments and saved views.</summary>
public partial class TriageQueuePage
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "scope")]
    public string? ScopeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "cluster")]
    public string? ClusterParameter { get; set; }

    [SupplyParameterFromQuery(Name = "signal")]
    public string? SignalParameter { get; set; }

    private MudTable<QueueRow>? _table;
    private QueueFilter _filter = new();
    private IReadOnlyList<QueueRow> _rows = [];
    private HashSet<QueueRow> _selected = new(RowComparer.Instance);
    private IReadOnlyDictionary<QueueScope, int> _counts = new Dictionary<QueueScope, int>();
    private IReadOnlyList<SavedView> _views = [];
    private SavedView? _view;
    private int _cursor;
    private string _user = "";
    private DateTimeOffset _now;
    private bool _busy;
    private DotNetObjectReference<TriageQueuePage>? _self;
    private IJSObjectReference? _keys;

    private string EmptyText => _filter.Scope switch
    {
        QueueScope.Mine => "You hold no accounts. Press Claim next to take the riskiest unclaimed one.",
        QueueScope.Overdue => "Nothing is overdue.",
        QueueScope.Dismissed => "No dismissed accounts match.",
        _ => "No flagged accounts match these filters.",
    };

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User.Identity?.Name ?? "";
        _now = Clock.GetUtcNow();
        _filter = _filter with
        {
            Scope = Enum.TryParse<QueueScope>(ScopeParameter, ignoreCase: true, out var scope) ? scope : QueueScope.Open,
            ClusterId = string.IsNullOrWhiteSpace(ClusterParameter) ? null : ClusterParameter,
            Signal = string.IsNullOrWhiteSpace(SignalParameter) ? null : SignalParameter,
        };
        _views = await Views.ListAsync(_user);
        await RefreshCountsAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _keys = await JS.InvokeAsync<IJSObjectReference>("import", "./js/queue-keys.js");
            await _keys.InvokeVoidAsync("attach", _self);
        }
    }

    private async Task<TableData<QueueRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        _now = Clock.GetUtcNow();
        var sort = Enum.TryParse<QueueSort>(state.SortLabel, out var s) ? s : QueueSort.Risk;
        var descending = state.SortDirection switch
        {
            SortDirection.Ascending => false,
            SortDirection.Descending => true,
            _ => sort is QueueSort.Risk or QueueSort.Requests or QueueSort.LastSeen,
        };
        _filter = _filter with { Sort = sort, Descending = descending, Skip = state.Page * state.PageSize, Take = state.PageSize };
        var page = await Queue.ReadAsync(_filter, _user, cancellationToken);
        _rows = page.Items;
        _cursor = Math.Clamp(_cursor, 0, Math.Max(0, _rows.Count - 1));
        return new TableData<QueueRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    [JSInvokable]
    public async Task OnQueueKey(string key)
    {
        var row = _rows.Count > 0 ? _rows[Math.Clamp(_cursor, 0, _rows.Count - 1)] : null;
        switch (key)
        {
            case "j":
                _cursor = Math.Min(_cursor + 1, Math.Max(0, _rows.Count - 1));
                break;
            case "k":
                _cursor = Math.Max(_cursor - 1, 0);
                break;
            case "Enter" when row is not null:
                Navigation.NavigateTo(AccountHref(row.AccountId));
                return;
            case "c" when row is not null:
                await ClaimAsync(row);
                break;
            case "d" when row is not null:
                await DismissAsync(_selected.Count > 0 ? _selected.Select(r => r.AccountId).ToList() : [row.AccountId]);
                break;
            case "x" when row is not null:
                if (!_selected.Remove(row))
                {
                    _selected.Add(row);
                }

                break;
            case "n":
                await ClaimNextAsync();
                return;
            case "?":
                await ShowHelpAsync();
                break;
        }

        await InvokeAsync(StateHasChanged);
        if (_keys is not null)
        {
            await _keys.InvokeVoidAsync("reveal", ".queue-cursor");
        }
    }

    private string RowClass(QueueRow row, int index) => index == _cursor ? "queue-cursor" : "";

    private void RowClicked(TableRowClickEventArgs<QueueRow> args)
    {
        if (args.Item is { } item)
        {
            _cursor = _rows.ToList().FindIndex(r => r.AccountId == item.AccountId);
        }
    }

    private async Task ClaimNextAsync()
    {
        _busy = true;
        try
        {
            var outcome = await Claims.ClaimNextAsync(_user);
            if (outcome is null)
            {
                Snackbar.Add("Nothing left to claim: every open account is held or the queue is empty.", Severity.Info);
                await ReloadAsync();
                return;
            }

            Snackbar.Add(outcome.Message, Severity.Success);
            Navigation.NavigateTo(AccountHref(outcome.AccountId));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ClaimAsync(QueueRow row)
    {
        var outcome = await Claims.ClaimAsync(row.AccountId, _user);
        Snackbar.Add(outcome.Message, outcome.Claimed ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private async Task DismissSelectedAsync() => await DismissAsync(_selected.Select(r => r.AccountId).ToList());

    private async Task DismissAsync(IReadOnlyList<string> accountIds)
    {
        var dialog = await DialogService.ShowAsync<DismissDialog>("Dismiss", new DialogParameters<DismissDialog> { { d => d.AccountIds, accountIds } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string reason })
        {
            return;
        }

        var outcome = await Dismissals.DismissAsync(accountIds, _user, reason);
        if (outcome.Dismissed.Count > 0)
        {
            Snackbar.Add(outcome.Dismissed.Count == 1 ? $"{outcome.Dismissed[0]} dismissed." : $"{outcome.Dismissed.Count} accounts dismissed.", Severity.Success);
        }

        foreach (var problem in outcome.Problems)
        {
            Snackbar.Add(problem, Severity.Warning);
        }

        _selected.Clear();
        await ReloadAsync();
    }

    private async Task AssignSelectedAsync()
    {
        var ids = _selected.Select(r => r.AccountId).ToList();
        var dialog = await DialogService.ShowAsync<AssignDialog>("Assign", new DialogParameters<AssignDialog> { { d => d.AccountIds, ids } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string assignee })
        {
            return;
        }

        var assigned = await Claims.AssignAsync(ids, assignee, _user);
        var skipped = ids.Count - assigned.Count;
        Snackbar.Add($"{assigned.Count} assigned to {assignee}" + (skipped > 0 ? $"; {skipped} skipped (held by someone else)." : "."),
            skipped > 0 ? Severity.Warning : Severity.Success);
        _selected.Clear();
        await ReloadAsync();
    }

    private void ClearSelection() => _selected.Clear();

    private async Task ShowHelpAsync() =>
        await DialogService.ShowAsync<KeyboardHelpDialog>("Keyboard shortcuts", new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });

    private async Task ScopeChangedAsync(QueueScope scope)
    {
        _filter = _filter with { Scope = scope };
        _cursor = 0;
        await ReloadAsync();
    }

    private async Task TextChangedAsync(string? text)
    {
        _filter = _filter with { Text = text };
        await ReloadAsync();
    }

    private async Task FilterChangedAsync(QueueFilter filter)
    {
        _filter = filter;
        _view = null;
        await ReloadAsync();
    }

    private async Task ApplyViewAsync(SavedView view)
    {
        _view = view;
        _filter = view.Filter with { Skip = 0, Take = _filter.Take };
        await ReloadAsync();
    }

    private async Task SaveViewAsync()
    {
        var dialog = await DialogService.ShowAsync<SaveViewDialog>("Save view", new DialogParameters<SaveViewDialog> { { d => d.Initial, _view?.Name } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string name })
        {
            return;
        }

        var (view, error) = await Views.SaveAsync(_user, name, _filter);
        if (error is not null)
        {
            Snackbar.Add(error, Severity.Warning);
            return;
        }

        _view = view;
        _views = await Views.ListAsync(_user);
        Snackbar.Add($"View “{name}” saved.", Severity.Success);
    }

    private async Task DeleteViewAsync()
    {
        if (_view is null)
        {
            return;
        }

        await Views.DeleteAsync(_user, _view.Id);
        Snackbar.Add($"View “{_view.Name}” deleted.", Severity.Info);
        _view = null;
        _views = await Views.ListAsync(_user);
    }

    private async Task ReloadAsync()
    {
        await RefreshCountsAsync();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task RefreshCountsAsync() => _counts = await Queue.CountsAsync(_user);

    private static string AccountHref(string accountId) => $"/accounts/{Uri.EscapeDataString(accountId)}";

    private static string ScopeLabel(QueueScope scope) => scope switch
    {
        QueueScope.Open => "Open",
        QueueScope.Unclaimed => "Unclaimed",
        QueueScope.Mine => "Mine",
        QueueScope.Overdue => "Overdue",
        _ => "Dismissed",
    };

    public async ValueTask DisposeAsync()
    {
        if (_keys is not null)
        {
            try
            {
                await _keys.InvokeVoidAsync("detach");
                await _keys.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone: the page's listener went with it.
            }
        }

        _self?.Dispose();
    }

    /// <summary>Rows are equal by account, so selections survive a reload of the page's data.</summary>
    private sealed class RowComparer : IEqualityComparer<QueueRow>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(QueueRow? x, QueueRow? y) => x?.AccountId == y?.AccountId;

        public int GetHashCode(QueueRow obj) => obj.AccountId.GetHashCode(StringComparison.Ordinal);
    }
}
