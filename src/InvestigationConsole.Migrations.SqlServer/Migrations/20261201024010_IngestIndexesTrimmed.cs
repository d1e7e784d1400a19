using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class IngestIndexesTrimmed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromptSamples_Timestamp",
                table: "PromptSamples");

            migrationBuilder.DropIndex(
                name: "IX_AccountAddresses_Ip",
                table: "AccountAddresses");

            migrationBuilder.DropIndex(
                name: "IX_AccountAddresses_IpPrefix_AccountKey",
                table: "AccountAddresses");

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_IpPrefix_Ip_AccountKey",
                table: "AccountAddresses",
                columns: new[] { "IpPrefix", "Ip", "AccountKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountAddresses_IpPrefix_Ip_AccountKey",
                table: "AccountAddresses");

            migrationBuilder.CreateIndex(
                name: "IX_PromptSamples_Timestamp",
                table: "PromptSamples",
                column: "Timestamp");

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_Ip",
                table: "AccountAddresses",
                column: "Ip");

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddresses_IpPrefix_AccountKey",
                table: "AccountAddresses",
                columns: new[] { "IpPrefix", "AccountKey" });
        }
    }
}
