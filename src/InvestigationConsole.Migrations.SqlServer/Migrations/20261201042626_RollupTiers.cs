using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RollupTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountActivityHours_Hour",
                table: "AccountActivityHours");

            migrationBuilder.CreateTable(
                name: "AccountActivityHoursRecent",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    Hour = table.Column<int>(type: "int", nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    Requests = table.Column<int>(type: "int", nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    ToolRequests = table.Column<int>(type: "int", nullable: false),
                    ErrorRequests = table.Column<int>(type: "int", nullable: false),
                    IpBits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountActivityHoursRecent", x => new { x.AccountKey, x.Hour, x.ModelId });
                });

            migrationBuilder.CreateTable(
                name: "AccountAddressesRecent",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "int", nullable: false),
                    Ip = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: false),
                    IpPrefix = table.Column<string>(type: "nvarchar(49)", maxLength: 49, nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAddressesRecent", x => new { x.AccountKey, x.Ip });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountAddressesRecent_IpPrefix_Ip_AccountKey",
                table: "AccountAddressesRecent",
                columns: new[] { "IpPrefix", "Ip", "AccountKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
