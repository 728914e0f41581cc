package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.fairmark.domain.model.OrgKind;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.ProfileRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark profile}: organization profiles (names, unified social credit code, county, kind). */
@Command(name = "profile", description = "Organization profiles: who each org is. 组织档案。",
        subcommands = {ProfileCommand.Set.class, ProfileCommand.Show.class, ProfileCommand.ListProfiles.class})
final class ProfileCommand extends GroupCommand {

    @Command(name = "set", description = {
        "Write the profile of your organization. 写入本组织档案。",
        "%nOnly an administrator identity (NodeOU admin, e.g. admin@coop) of the org may; the profile written is always"
            + " that identity's own org's.",
        "%nExample:",
        "  fairmark profile set --as admin@coop --name-zh 迁西县栗乡板栗专业合作社 --name-en 'Qianxi Chestnut Cooperative'"
            + " --credit-code 93130227FM00000178 --county 130227 --kind cooperative"})
    static final class Set extends FairmarkCommand {
        @Option(names = "--name-zh", paramLabel = "NAME", required = true, description = "Name in Chinese.")
        String nameZh;

        @Option(names = "--name-en", paramLabel = "NAME", required = true, description = "Name in English.")
        String nameEn;

        @Option(names = "--credit-code", paramLabel = "CODE", required = true,
                description = "Unified social credit code (统一社会信用代码), 18 characters, GB 32100.")
        String creditCode;

        @Option(names = "--county", paramLabel = "CODE", required = true, description = "County (GB/T 2260 code).")
        String county;

        @Option(names = "--kind", paramLabel = "KIND", required = true,
                description = "cooperative, packing-station, inspection-bureau, carrier or market.")
        String kind;

        @Option(names = "--request-id", paramLabel = "ID", description = "Idempotency key (default: generated).")
        String requestId;

        @Override
        int execute() {
            if (root().as == null && root().cert == null) {
                throw new UsageException("give --as with an administrator identity of your org, e.g. --as admin@coop");
            }
            OrgProfile profile = client(null).admin().setProfile(new ProfileRequests.SetProfile(requestId, nameZh, nameEn,
                    creditCode, county, kind(kind)));
            out().json(profile);
            ProfileCommand.show(out(), profile);
            return 0;
        }

        static OrgKind kind(String text) {
            try {
                return OrgKind.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--kind must be cooperative, packing-station, inspection-bureau, carrier or market");
            }
        }
    }

    @Command(name = "show", description = {"Show an organization's profile. 查看组织档案。", "%nExample:", "  fairmark profile show CoopMSP"})
    static final class Show extends FairmarkCommand {
        @Parameters(paramLabel = "ORG", description = "Organization (MSP id).")
        String org;

        @Override
        int execute() {
            OrgProfile profile = readClient(null).participant().profile(org);
            out().json(profile);
            ProfileCommand.show(out(), profile);
            return 0;
        }
    }

    @Command(name = "list", description = {"List every organization's profile. 列出全部组织档案。"})
    static final class ListProfiles extends FairmarkCommand {
        @Override
        int execute() {
            List<OrgProfile> profiles = readClient(null).participant().profiles();
            ObjectNode json = CliJson.object();
            json.set("profiles", CliJson.tree(profiles));
            out().json(json);
            profiles.forEach(profile -> ProfileCommand.show(out(), profile));
            return 0;
        }
    }

    static void show(Output out, OrgProfile profile) {
        out.say("view.profile", profile.nameZh(), profile.nameEn(), profile.mspId());
        out.say("view.profileDetails", profile.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                profile.socialCreditCode(), Output.county(profile.countyCode()), profile.updatedAt());
    }
}
