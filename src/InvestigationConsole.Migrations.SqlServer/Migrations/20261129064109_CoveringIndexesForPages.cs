using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CoveringIndexesForPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountRiskScores_Flagged_Score",
                table: "AccountRiskScores");

            migrationBuilder.DropIndex(
                name: "IX_AccountAddresses_IpPrefix",
                table: "AccountAddresses");

            migrationBuilder.CreateIndex(
                name: "IX_AccountRiskScores_Flagged_Score_FirstFlaggedAt",
                table: "AccountRiskScores",
                columns: new[] { "Flagged", "Score", "FirstFlaggedAt" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_IpPrefix_AccountKey",
                table: "AccountAddresses",
                columns: new[] { "IpPrefix", "AccountKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountRiskScores_Flagged_Score_FirstFlaggedAt",
                table: "AccountRiskScores");

            migrationBuilder.DropIndex(
                name: "IX_AccountAddresses_IpPrefix_AccountKey",
                table: "AccountAddresses");

            migrationBuilder.CreateIndex(
                name: "IX_AccountRiskScores_Flagged_Score",
                table: "AccountRiskScores",
                columns: new[] { "Flagged", "Score" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_IpPrefix",
                table: "AccountAddresses",
                column: "IpPrefix");
        }
    }
}
