using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Detection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountAnalyses",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    Stamp = table.Column<long>(type: "bigint", nullable: false),
                    Basis = table.Column<long>(type: "bigint", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAnalyses", x => x.AccountKey);
                });

            migrationBuilder.CreateTable(
                name: "AccountRiskScores",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    Score = table.Column<double>(type: "float", nullable: false),
                    Flagged = table.Column<bool>(type: "bit", nullable: false),
                    ScoreBeforeCluster = table.Column<double>(type: "float", nullable: false),
                    ClusterId = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: true),
                    TopSignals = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    SignalsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CorroboratingFamilies = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    FirstFlaggedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountRiskScores", x => x.AccountKey);
                });

            migrationBuilder.CreateTable(
                name: "AccountScoreChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Score = table.Column<double>(type: "float", nullable: false),
                    Flagged = table.Column<bool>(type: "bit", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountScoreChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClusterLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    OtherAccountKey = table.Column<int>(type: "int", nullable: false),
                    Weight = table.Column<double>(type: "float", nullable: false),
                    IsStrong = table.Column<bool>(type: "bit", nullable: false),
                    EvidenceJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClusterMembers",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    ClusterId = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClusterMembers", x => x.AccountKey);
                });

            migrationBuilder.CreateTable(
                name: "Clusters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Risk = table.Column<double>(type: "float", nullable: false),
                    Size = table.Column<int>(type: "int", nullable: false),
                    IsCampaign = table.Column<bool>(type: "bit", nullable: false),
                    DominantLinkTypes = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    SharedAttributesJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    FirstActivityAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastActivityAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RunId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clusters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DetectionRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Trigger = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AccountsTotal = table.Column<int>(type: "int", nullable: false),
                    AccountsAnalysed = table.Column<int>(type: "int", nullable: false),
                    AccountsFlagged = table.Column<int>(type: "int", nullable: false),
                    Clusters = table.Column<int>(type: "int", nullable: false),
                    CampaignClusters = table.Column<int>(type: "int", nullable: false),
                    ScoreChanges = table.Column<int>(type: "int", nullable: false),
                    RequestsRead = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    PhaseTimingsJson = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    SettingsVersionId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DetectionRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DetectionSettingsVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DetectionSettingsVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountRiskScores_ClusterId",
                table: "AccountRiskScores",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountRiskScores_Flagged_Score",
                table: "AccountRiskScores",
                columns: new[] { "Flagged", "Score" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_AccountScoreChanges_AccountKey_At",
                table: "AccountScoreChanges",
                columns: new[] { "AccountKey", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountScoreChanges_RunId",
                table: "AccountScoreChanges",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ClusterLinks_AccountKey_Weight",
                table: "ClusterLinks",
                columns: new[] { "AccountKey", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterLinks_OtherAccountKey_Weight",
                table: "ClusterLinks",
                columns: new[] { "OtherAccountKey", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_ClusterMembers_ClusterId",
                table: "ClusterMembers",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_Clusters_IsCampaign_Risk",
                table: "Clusters",
                columns: new[] { "IsCampaign", "Risk" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_DetectionRuns_Status",
                table: "DetectionRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountAnalyses");

            migrationBuilder.DropTable(
                name: "AccountRiskScores");

            migrationBuilder.DropTable(
                name: "AccountScoreChanges");

            migrationBuilder.DropTable(
                name: "ClusterLinks");

            migrationBuilder.DropTable(
                name: "ClusterMembers");

            migrationBuilder.DropTable(
                name: "Clusters");

            migrationBuilder.DropTable(
                name: "DetectionRuns");

            migrationBuilder.DropTable(
                name: "DetectionSettingsVersions");
        }
    }
}
