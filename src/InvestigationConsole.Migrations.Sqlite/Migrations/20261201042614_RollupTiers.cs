using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RollupTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand for SQLite: both recent tiers are stored in their keys (WITHOUT ROWID), as their main
            // tables are, so that a file's upserts write one B-tree for the hours and two for the addresses, and the
            // merge into the main table reads them in the main table's key order.
            migrationBuilder.DropIndex(
                name: "IX_AccountActivityHours_Hour",
                table: "AccountActivityHours");

            migrationBuilder.Sql("""
                CREATE TABLE "AccountActivityHoursRecent" (
                    "AccountKey" INTEGER NOT NULL,
                    "Hour" INTEGER NOT NULL,
                    "ModelId" INTEGER NOT NULL,
                    "Requests" INTEGER NOT NULL,
                    "InputTokens" INTEGER NOT NULL,
                    "OutputTokens" INTEGER NOT NULL,
                    "ToolRequests" INTEGER NOT NULL,
                    "ErrorRequests" INTEGER NOT NULL,
                    "IpBits" INTEGER NOT NULL,
                    CONSTRAINT "PK_AccountActivityHoursRecent" PRIMARY KEY ("AccountKey", "Hour", "ModelId")
                ) WITHOUT ROWID;
                CREATE TABLE "AccountAddressesRecent" (
                    "AccountKey" INTEGER NOT NULL,
                    "Ip" TEXT NOT NULL,
                    "IpPrefix" TEXT NOT NULL,
                    "Requests" INTEGER NOT NULL,
                    "FirstSeenAt" INTEGER NOT NULL,
                    "LastSeenAt" INTEGER NOT NULL,
                    CONSTRAINT "PK_AccountAddressesRecent" PRIMARY KEY ("AccountKey", "Ip")
                ) WITHOUT ROWID;
                CREATE INDEX "IX_AccountAddressesRecent_IpPrefix_Ip_AccountKey" ON "AccountAddressesRecent" ("IpPrefix", "Ip", "AccountKey");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The recent rows are merged into the main tables first: the earlier model has one tier.
            migrationBuilder.Sql("""
                INSERT INTO "AccountActivityHours" ("AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits")
                SELECT "AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits"
                FROM "AccountActivityHoursRecent" WHERE true
                ON CONFLICT ("AccountKey", "Hour", "ModelId") DO UPDATE SET
                    "Requests" = "Requests" + excluded."Requests", "InputTokens" = "InputTokens" + excluded."InputTokens",
                    "OutputTokens" = "OutputTokens" + excluded."OutputTokens", "ToolRequests" = "ToolRequests" + excluded."ToolRequests",
                    "ErrorRequests" = "ErrorRequests" + excluded."ErrorRequests", "IpBits" = "IpBits" | excluded."IpBits";
                INSERT INTO "AccountAddresses" ("AccountKey", "Ip", "IpPrefix", "Requests", "FirstSeenAt", "LastSeenAt")
                SELECT "AccountKey", "Ip", "IpPrefix", "Requests", "FirstSeenAt", "LastSeenAt"
                FROM "AccountAddressesRecent" WHERE true
                ON CONFLICT ("AccountKey", "Ip") DO UPDATE SET "Requests" = "Requests" + excluded."Requests",
                    "FirstSeenAt" = min("FirstSeenAt", excluded."FirstSeenAt"), "LastSeenAt" = max("LastSeenAt", excluded."LastSeenAt");
                """);

            migrationBuilder.DropTable(
                name: "AccountActivityHoursRecent");

            migrationBuilder.DropTable(
                name: "AccountAddressesRecent");

            migrationBuilder.CreateIndex(
                name: "IX_AccountActivityHours_Hour",
                table: "AccountActivityHours",
                column: "Hour");
        }
    }
}
