package org.fairmark.network;

import com.google.protobuf.ByteString;
import java.util.List;
import org.fairmark.network.ledger.Blocks;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Block 0 of the channel: one CONFIG envelope whose configuration names the channel's organizations and their CA
 * certificates, in the shape of a Fabric channel configuration ({@code Application} group, one group per
 * organization with an {@code MSP} value). A placeholder, not a full Fabric configuration: no policies, no orderer
 * group, no signatures. Its content depends only on the organizations, never on the clock, so the same network
 * always has the same genesis block.
 */
final class GenesisBlock {
    private GenesisBlock() {}

    static Block create(String channel, List<Organization> organizations) {
        ConfigGroup.Builder application = ConfigGroup.newBuilder().setModPolicy("Admins");
        for (Organization organization : organizations) {
            FabricMSPConfig msp = FabricMSPConfig.newBuilder()
                    .setName(organization.mspId())
                    .addRootCerts(ByteString.copyFromUtf8(organization.ca().certificatePem()))
                    .build();
            MSPConfig config = MSPConfig.newBuilder().setType(0).setConfig(msp.toByteString()).build();
            application.putGroups(organization.mspId(), ConfigGroup.newBuilder()
                    .setModPolicy("Admins")
                    .putValues("MSP", ConfigValue.newBuilder()
                            .setModPolicy("Admins")
                            .setValue(config.toByteString())
                            .build())
                    .build());
        }
        Config config = Config.newBuilder()
                .setSequence(0)
                .setChannelGroup(ConfigGroup.newBuilder().putGroups("Application", application.build()))
                .build();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setChannelId(channel)
                .setVersion(1)
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString()))
                .setData(ConfigEnvelope.newBuilder().setConfig(config).build().toByteString())
                .build();
        Envelope envelope = Envelope.newBuilder().setPayload(payload.toByteString()).build();
        Block block = Blocks.newBlock(0, null, List.of(envelope));
        return Blocks.withValidationCodes(block, List.of(TxValidationCode.VALID));
    }
}
