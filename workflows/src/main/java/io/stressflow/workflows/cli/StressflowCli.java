package io.stressflow.workflows.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command line for lab staff: start a campaign from a plan file, watch it live, list chambers
 * and tasks, complete a task. A client of the REST API only ({@code java.net.http} and Jackson); it
 * does not start Spring. Run it with {@code ./stressflow cli <command>}.
 */
@Command(
    name = "stressflow cli",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    versionProvider = StressflowCli.Version.class,
    description =
        "Start and follow campaigns, see chambers, work tasks: a client of Stressflow's REST API.",
    subcommands = {
      CampaignCommand.class,
      PlanCommand.class,
      ChambersCommand.class,
      TasksCommand.class,
      TaskCommand.class,
      ModulesCommand.class,
      LotsCommand.class,
      LoginCommand.class,
      LoginCommand.Logout.class,
      LoginCommand.WhoAmI.class,
      AuditCommand.class,
      UsersCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ./stressflow cli login --user ana",
      "  ./stressflow cli plan validate plan.yaml",
      "  ./stressflow cli campaign start plan.yaml --watch",
      "  ./stressflow cli campaign watch C-20261125-1a2b3c --interval 10s",
      "  ./stressflow cli tasks --group lab-staff",
      "  ./stressflow cli task show 2251799813685260",
      "  ./stressflow cli task complete 2251799813685260 -f loadedBy=ana -f modulesConnected=true",
      "  ./stressflow cli task complete 2251799813685270 -f approval=approve -f reviewer=cy \\",
      "      --sign 'I reviewed the report and approve its verdict'",
      "  ./stressflow cli audit --from 2026-12-01T00:00:00Z",
      "  ./stressflow cli campaign report C-20261125-1a2b3c > report.md",
      "  ./stressflow cli campaign report C-20261125-1a2b3c --format pdf -o report.pdf",
      "  ./stressflow cli campaign export C-20261125-1a2b3c --format csv --data readings -o r.csv",
      "  STRESSFLOW_URL=http://lab-server:8080 ./stressflow cli chambers",
      "  STRESSFLOW_USER=ana STRESSFLOW_PASSWORD=... ./stressflow cli tasks",
      "",
      "Exit codes: 0 done (a watched campaign passed), 1 failed (or the campaign FAILED or was"
          + " ABORTED), 2 invalid input (bad plan, bad form data, bad arguments), 3 conflict"
          + " (e.g. a module on test elsewhere, a task claimed by someone else), 4 Stressflow is"
          + " not running at --url, 5 not logged in or not allowed (log in: ./stressflow cli"
          + " login, or set STRESSFLOW_USER and STRESSFLOW_PASSWORD)."
    })
public class StressflowCli implements Runnable {

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:STRESSFLOW_URL:-http://localhost:8080}",
      description = "Stressflow's address (env STRESSFLOW_URL; default: ${DEFAULT-VALUE}).")
  private String url;

  @Spec private CommandSpec spec;

  private boolean interactive;
  private final Credentials credentials;

  /** The CLI with the process's environment and stdin. */
  public StressflowCli() {
    this(System.getenv(), System.in);
  }

  /**
   * The CLI with {@code env} as its environment ({@code STRESSFLOW_USER}, {@code
   * STRESSFLOW_PASSWORD}, {@code STRESSFLOW_CONFIG}) and {@code stdin} for a password.
   */
  StressflowCli(Map<String, String> env, java.io.InputStream stdin) {
    this.credentials = new Credentials(env, stdin);
  }

  /** The CLI for a terminal: {@code campaign watch} redraws its progress line in place. */
  public static void main(String[] args) {
    StressflowCli cli = new StressflowCli();
    cli.interactive = System.console() != null;
    System.exit(new CommandLine(cli).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The API's base URL. */
  String url() {
    return url;
  }

  /** Who the CLI is. */
  Credentials credentials() {
    return credentials;
  }

  /** Whether stdout is a terminal (lines may be redrawn in place). */
  boolean interactive() {
    return interactive;
  }

  /** The version from the jar's manifest, if it has one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = StressflowCli.class.getPackage().getImplementationVersion();
      return new String[] {"Stressflow CLI " + (v == null ? "(development build)" : v)};
    }
  }
}
