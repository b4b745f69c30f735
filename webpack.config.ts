/**
 * Builds the task pane (src/taskpane) and the ribbon function file (src/commands) into dist/.
 * Plain http by default: headless browser tests serve dist/ on loopback. For sideloading on
 * Windows/Mac, run `npm run dev-server -- --server-type https` with office-addin-dev-certs.
 */
import path from "node:path";
import HtmlWebpackPlugin from "html-webpack-plugin";
import type { Configuration } from "webpack";
import "webpack-dev-server";

const config = (_env: unknown, argv: { mode?: "development" | "production" }): Configuration => ({
  mode: argv.mode ?? "production",
  devtool: argv.mode === "development" ? "source-map" : false,
  entry: {
    taskpane: "./src/taskpane/taskpane.ts",
    commands: "./src/commands/commands.ts",
  },
  output: {
    path: path.resolve(__dirname, "dist/web"),
    filename: "[name].[contenthash:8].js",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [{ test: /\.ts$/u, exclude: /node_modules/u, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
  },
  performance: { hints: false },
  plugins: [
    new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
    new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
  ],
  devServer: {
    static: { directory: path.resolve(__dirname, "assets"), publicPath: "/assets" },
    port: Number(process.env.npm_package_config_dev_server_port ?? 3000),
  },
});

export default config;
