package io.stressflow.workflows.cli;

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
      HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ./stressflow cli plan validate plan.yaml",
      "  ./stressflow cli campaign start plan.yaml --watch",
      "  ./stressflow cli campaign watch C-20261125-1a2b3c --interval 10s",
      "  ./stressflow cli tasks --group lab-staff",
      "  ./stressflow cli task show 2251799813685260",
      "  ./stressflow cli task complete 2251799813685260 --as ana \\",
      "      -f loadedBy=ana -f modulesConnected=true",
      "  ./stressflow cli campaign report C-20261125-1a2b3c > report.md",
      "  STRESSFLOW_URL=http://lab-server:8080 ./stressflow cli chambers",
      "",
      "Exit codes: 0 done (a watched campaign passed), 1 failed (or the campaign FAILED or was"
          + " ABORTED), 2 invalid input (bad plan, bad form data, bad arguments), 3 conflict"
          + " (e.g. a module on test elsewhere, a task claimed by someone else), 4 Stressflow is"
          + " not running at --url."
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
