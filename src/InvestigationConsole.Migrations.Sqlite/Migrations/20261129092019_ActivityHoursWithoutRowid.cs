using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActivityHoursWithoutRowid : Migration
    {
        private const string Columns =
            "\"AccountKey\", \"Hour\", \"ModelId\", \"Requests\", \"InputTokens\", \"OutputTokens\", \"ToolRequests\", \"ErrorRequests\", \"IpBits\"";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand, SQLite only (the model does not change; on SQL Server the primary key is already the
            // clustered index). A WITHOUT ROWID table is stored in its primary key (account, hour, model), so reading a
            // cluster's or an account's hours no longer costs a table lookup per row, and an ingest upsert updates one
            // B-tree instead of two. Nothing references the table, so one transaction copies it in key order.
            migrationBuilder.Sql(Rebuild(withoutRowid: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Rebuild(withoutRowid: false));

        private static string Rebuild(bool withoutRowid) => $"""
            CREATE TABLE "ef_temp_AccountActivityHours" (
                "AccountKey" INTEGER NOT NULL,
                "Hour" INTEGER NOT NULL,
                "ModelId" INTEGER NOT NULL,
                "Requests" INTEGER NOT NULL,
                "InputTokens" INTEGER NOT NULL,
                "OutputTokens" INTEGER NOT NULL,
                "ToolRequests" INTEGER NOT NULL,
                "ErrorRequests" INTEGER NOT NULL,
                "IpBits" INTEGER NOT NULL,
                CONSTRAINT "PK_AccountActivityHours" PRIMARY KEY ("AccountKey", "Hour", "ModelId")
            ){(withoutRowid ? " WITHOUT ROWID" : "")};
            INSERT INTO "ef_temp_AccountActivityHours" ({Columns})
            SELECT {Columns} FROM "AccountActivityHours" ORDER BY "AccountKey", "Hour", "ModelId";
            DROP TABLE "AccountActivityHours";
            ALTER TABLE "ef_temp_AccountActivityHours" RENAME TO "AccountActivityHours";
            CREATE INDEX "IX_AccountActivityHours_Hour" ON "AccountActivityHours" ("Hour");
            """;
    }
}
