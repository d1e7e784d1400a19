using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Ingestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountActivityHours",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Requests = table.Column<int>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    ToolRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    IpBits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountActivityHours", x => new { x.AccountKey, x.Hour, x.ModelId });
                });

            migrationBuilder.CreateTable(
                name: "AccountAddresses",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    IpPrefix = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAddresses", x => new { x.AccountKey, x.Ip });
                });

            migrationBuilder.CreateTable(
                name: "Accounts",
                columns: table => new
                {
                    Key = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsPlaceholder = table.Column<bool>(type: "INTEGER", nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EmailDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    EmailLocalSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PaymentFingerprint = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    BillingCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    SignupIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    SignupPrefix = table.Column<string>(type: "TEXT", maxLength: 49, nullable: true),
                    Verification = table.Column<int>(type: "INTEGER", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistryUpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestCount = table.Column<long>(type: "INTEGER", nullable: false),
                    PromptsSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstRequestAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRequestAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "IngestFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Stream = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LinesRead = table.Column<long>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<long>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckpointLine = table.Column<long>(type: "INTEGER", nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LookupValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LookupValues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PromptSamples",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Traits = table.Column<int>(type: "INTEGER", nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromptSamples", x => new { x.AccountKey, x.Slot });
                });

            migrationBuilder.CreateTable(
                name: "QuarantinedLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    RawText = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarantinedLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    ApiKeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    IpPrefix = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false),
                    UserAgentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    EndpointId = table.Column<int>(type: "INTEGER", nullable: true),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ToolCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Turns = table.Column<int>(type: "INTEGER", nullable: true),
                    SystemPromptHash = table.Column<long>(type: "INTEGER", nullable: true),
                    PromptLength = table.Column<int>(type: "INTEGER", nullable: false),
                    Traits = table.Column<int>(type: "INTEGER", nullable: false),
                    Sketch = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountActivityHours_Hour",
                table: "AccountActivityHours",
                column: "Hour");

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_Ip",
                table: "AccountAddresses",
                column: "Ip");

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_IpPrefix",
                table: "AccountAddresses",
                column: "IpPrefix");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_AccountId",
                table: "Accounts",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_OrgId",
                table: "Accounts",
                column: "OrgId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_PaymentFingerprint",
                table: "Accounts",
                column: "PaymentFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_SignupPrefix",
                table: "Accounts",
                column: "SignupPrefix");

            migrationBuilder.CreateIndex(
                name: "IX_IngestFiles_Sha256",
                table: "IngestFiles",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IngestFiles_Status",
                table: "IngestFiles",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_LookupValues_Kind_Value",
                table: "LookupValues",
                columns: new[] { "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PromptSamples_Timestamp",
                table: "PromptSamples",
                column: "Timestamp");

            migrationBuilder.CreateIndex(
                name: "IX_QuarantinedLines_FileId_LineNumber",
                table: "QuarantinedLines",
                columns: new[] { "FileId", "LineNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuarantinedLines_Reason",
                table: "QuarantinedLines",
                column: "Reason");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_AccountKey_Timestamp",
                table: "Requests",
                columns: new[] { "AccountKey", "Timestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountActivityHours");

            migrationBuilder.DropTable(
                name: "AccountAddresses");

            migrationBuilder.DropTable(
                name: "Accounts");

            migrationBuilder.DropTable(
                name: "IngestFiles");

            migrationBuilder.DropTable(
                name: "LookupValues");

            migrationBuilder.DropTable(
                name: "PromptSamples");

            migrationBuilder.DropTable(
                name: "QuarantinedLines");

            migrationBuilder.DropTable(
                name: "Requests");
        }
    }
}
