import PolicyCheckModel

/// Reads the actions of an `aws_lb_listener`'s `default_action` blocks or an `aws_lb_listener_rule`'s `action`
/// blocks: each block's `type` and, for a redirect, `redirect[0].protocol`
/// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener_rule#action). Blocks
/// unknown until apply as a whole (a `dynamic` block over such a value) are one action whose type cannot be verified.
enum TerraformListenerActions {
    static func read(_ blocks: TerraformAttribute) -> [ListenerAction] {
        if blocks.isUnknown, !blocks.isProviderDefault {
            let type = Located(Fact<String>.unknown(reason: "the actions are \(blocks.unknownReason)"), at: blocks.origin)
            return [ListenerAction(type: type, origin: blocks.origin)]
        }
        return blocks.items.map { block in
            let typeAttribute = block.child("type")
            let type = typeAttribute.string()
                ?? Located(.unknown(reason: "the action gives no type"), at: typeAttribute.fieldOrigin)
            var action = ListenerAction(type: type, origin: block.origin)
            if action.type.value.known == "redirect" {
                action.redirectProtocol = block.child("redirect").child(0).child("protocol").string()
                    .flatMap { $0.value.known?.isEmpty == true ? nil : $0 }
            }
            return action
        }
    }
}
