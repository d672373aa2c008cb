-- argo-cd keeps health checks for Flux's Kustomization kind in a folder named after it.
hs = {}
return hs
