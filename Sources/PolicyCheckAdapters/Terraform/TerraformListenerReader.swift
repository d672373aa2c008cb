import PolicyCheckModel

/// Reads `aws_lb_listener` (and its alias `aws_alb_listener`): protocol, security policy and the default actions
/// (`TerraformListenerActions`). The protocol defaults to HTTP, as the provider documents for Application Load
/// Balancers; the security policy to AWS's API default when not named.
struct TerraformListenerReader {
    let input: any TerraformResourceGraph

    func read(into deployment: inout Deployment) {
        for resource in input.resources(ofType: ["aws_lb_listener", "aws_alb_listener"]) {
            let policy = resource["ssl_policy"]
            var listener = LoadBalancerListener(component: resource.address, origin: resource.rawOrigin,
                                                sslPolicyOrigin: policy.fieldOrigin)
            let protocolAttribute = resource["protocol"]
            listener.protocolName = protocolAttribute.string() ?? Located(.known("HTTP"), at: protocolAttribute.fieldOrigin)
            listener.sslPolicy = policy.string().flatMap { $0.value.known?.isEmpty == true ? nil : $0 }
            listener.defaultActions = TerraformListenerActions.read(resource["default_action"])
            deployment.listeners.append(listener)
        }
    }
}

extension TerraformListenerReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
