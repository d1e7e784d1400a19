using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RequestsInArrivalOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Requests",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_AccountKey_Timestamp",
                table: "Requests");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "Requests",
                newName: "Key");

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "Requests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("SqlServer:Identity", "1, 1");

            migrationBuilder.AddColumn<int>(
                name: "Day",
                table: "Requests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Requests",
                table: "Requests",
                column: "Seq");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Day_AccountKey_Timestamp",
                table: "Requests",
                columns: new[] { "Day", "AccountKey", "Timestamp" });

            // Rows stored before this migration: their UTC day (new rows get it at ingest).
            migrationBuilder.Sql("UPDATE [Requests] SET [Day] = DATEDIFF(day, CAST('1970-01-01' AS date), CONVERT(date, SWITCHOFFSET([Timestamp], '+00:00')));");
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
