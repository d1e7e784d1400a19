using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IngestIndexesTrimmed : Migration
    {
        private const string AddressColumns = "\"AccountKey\", \"Ip\", \"IpPrefix\", \"Requests\", \"FirstSeenAt\", \"LastSeenAt\"";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The model drops the samples' Timestamp index and serves both address questions from one index
            // (IpPrefix, Ip, AccountKey). Written by hand for SQLite: the addresses table is also rebuilt WITHOUT ROWID,
            // stored in its primary key (account, address) as SQL Server's clustered key stores it, so an ingest's
            // upsert writes two B-trees (table, index) where it wrote four (table, key, address and network indexes),
            // and the new index carries the account key without a table lookup. Nothing references the table, so one
            // transaction copies it in key order.
            migrationBuilder.DropIndex(
                name: "IX_PromptSamples_Timestamp",
                table: "PromptSamples");

            migrationBuilder.Sql(RebuildAddresses(withoutRowid: true) + """
                CREATE INDEX "IX_AccountAddresses_IpPrefix_Ip_AccountKey" ON "AccountAddresses" ("IpPrefix", "Ip", "AccountKey");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RebuildAddresses(withoutRowid: false) + """
                CREATE INDEX "IX_AccountAddresses_Ip" ON "AccountAddresses" ("Ip");
                CREATE INDEX "IX_AccountAddresses_IpPrefix_AccountKey" ON "AccountAddresses" ("IpPrefix", "AccountKey");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PromptSamples_Timestamp",
                table: "PromptSamples",
                column: "Timestamp");
        }

        private static string RebuildAddresses(bool withoutRowid) => $"""
            CREATE TABLE "ef_temp_AccountAddresses" (
                "AccountKey" INTEGER NOT NULL,
                "Ip" TEXT NOT NULL,
                "IpPrefix" TEXT NOT NULL,
                "Requests" INTEGER NOT NULL,
                "FirstSeenAt" INTEGER NOT NULL,
                "LastSeenAt" INTEGER NOT NULL,
                CONSTRAINT "PK_AccountAddresses" PRIMARY KEY ("AccountKey", "Ip")
            ){(withoutRowid ? " WITHOUT ROWID" : "")};
            INSERT INTO "ef_temp_AccountAddresses" ({AddressColumns})
            SELECT {AddressColumns} FROM "AccountAddresses" ORDER BY "AccountKey", "Ip";
            DROP TABLE "AccountAddresses";
            ALTER TABLE "ef_temp_AccountAddresses" RENAME TO "AccountAddresses";

            """;
    }
}
