using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RequestsInArrivalOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: SQLite cannot change a primary key in place, and EF's own rebuild leaves the transaction
            // to toggle foreign keys. Nothing references Requests, so one transaction copies the rows in time order
            // (old rows get arrival sequences in that order) and computes their UTC day.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_Requests" (
                    "Seq" INTEGER NOT NULL CONSTRAINT "PK_Requests" PRIMARY KEY AUTOINCREMENT,
                    "AccountKey" INTEGER NOT NULL,
                    "ApiKeyId" TEXT NULL,
                    "Day" INTEGER NOT NULL,
                    "EndpointId" INTEGER NULL,
                    "InputTokens" INTEGER NOT NULL,
                    "Ip" TEXT NOT NULL,
                    "IpPrefix" TEXT NOT NULL,
                    "Key" INTEGER NOT NULL,
                    "LatencyMs" INTEGER NULL,
                    "ModelId" INTEGER NOT NULL,
                    "OutputTokens" INTEGER NOT NULL,
                    "PromptLength" INTEGER NOT NULL,
                    "RequestId" TEXT NOT NULL,
                    "Sketch" BLOB NULL,
                    "Status" INTEGER NOT NULL,
                    "SystemPromptHash" INTEGER NULL,
                    "Timestamp" INTEGER NOT NULL,
                    "ToolCount" INTEGER NULL,
                    "Traits" INTEGER NOT NULL,
                    "Turns" INTEGER NULL,
                    "UserAgentId" INTEGER NULL
                );
                INSERT INTO "ef_temp_Requests" ("Key", "Day", "AccountKey", "ApiKeyId", "EndpointId", "InputTokens", "Ip", "IpPrefix", "LatencyMs", "ModelId", "OutputTokens", "PromptLength", "RequestId", "Sketch", "Status", "SystemPromptHash", "Timestamp", "ToolCount", "Traits", "Turns", "UserAgentId")
                SELECT "Id", "Timestamp" / 864000000000 - 719162, "AccountKey", "ApiKeyId", "EndpointId", "InputTokens", "Ip", "IpPrefix", "LatencyMs", "ModelId", "OutputTokens", "PromptLength", "RequestId", "Sketch", "Status", "SystemPromptHash", "Timestamp", "ToolCount", "Traits", "Turns", "UserAgentId" FROM "Requests" ORDER BY "Timestamp";
                DROP TABLE "Requests";
                ALTER TABLE "ef_temp_Requests" RENAME TO "Requests";
                CREATE INDEX "IX_Requests_Day_AccountKey_Timestamp" ON "Requests" ("Day", "AccountKey", "Timestamp");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Requests",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Day_AccountKey_Timestamp",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Day",
                table: "Requests");

            migrationBuilder.RenameColumn(
                name: "Key",
                table: "Requests",
                newName: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Requests",
                table: "Requests",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_AccountKey_Timestamp",
                table: "Requests",
                columns: new[] { "AccountKey", "Timestamp" });
        }
    }
}
