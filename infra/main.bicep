// QiIngest: everything `azd up` provisions. The Event Grid subscription is the second stage
// (eventgrid.bicep, run by hooks/postdeploy.sh) because its webhook key exists only after the code is deployed.
targetScope = 'subscription'

import { reporterRoleDefinitionName } from 'modules/naming.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the resource names.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer the Flex Consumption plan.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the operator who runs azd (AZURE_PRINCIPAL_ID); empty grants nothing. Gets read access to reports/ to issue dashboard links.')
param principalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
@description('Kind of principal principalId names.')
param principalType string = 'User'

@description('NCRONTAB (with seconds) of the national rollup, in UTC. The default is 02:00 China time.')
param rollupSchedule string = '0 0 18 * * *'

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
@description('Redundancy of the data storage account.')
param storageSku string = 'Standard_LRS'

@minLength(3)
@description('E-mail address the alerts go to (the poison queue, Event Grid dead letters, failed executions, a silent rollup).')
param alertEmail string

@minValue(40)
@maxValue(1000)
@description('Most instances the Flex Consumption app scales out to.')
param maximumInstanceCount int = 40

@description('Application (client) id of the API\'s Entra app registration (docs/deployment.md); empty: the API serves anonymous callers only.')
param apiClientId string = ''

@description('Browser origins (the portal) allowed to call the HTTP API.')
param apiAllowedOrigins array = []

@description('Further origins of the portal (a custom domain), besides the Function App\'s own https://{name}.azurewebsites.net, that may PUT uploads to the storage account.')
param portalOrigins array = []

@description('The default deadline of returns: month and day (MM-DD) of the year after the period, end of day China time.')
param defaultDeadline string = '03-31'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var names = {
  resourceGroup: 'rg-${environmentName}'
  storage: 'st${resourceToken}'
  identity: 'id-qiingest-${resourceToken}'
  logAnalytics: 'log-qiingest-${resourceToken}'
  appInsights: 'appi-qiingest-${resourceToken}'
  plan: 'plan-qiingest-${resourceToken}'
  functionApp: 'func-qiingest-${resourceToken}'
  systemTopic: 'evgt-qiingest-${resourceToken}'
  actionGroup: 'ag-qiingest-${resourceToken}'
}

// The portal is served by the Function App, at its default host name (the app does not opt into unique default host
// names, so it is {name}.azurewebsites.net). Known before the app exists, so the storage account can allow its origin.
var portalOrigin = 'https://${names.functionApp}.azurewebsites.net'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    sku: storageSku
    uploadCorsOrigins: union([portalOrigin], portalOrigins)
  }
}

module appRoles 'modules/app-roles.bicep' = {
  name: 'app-roles'
  scope: rg
  params: {
    storageAccountName: names.storage
    appInsightsName: names.appInsights
    identityName: names.identity
  }
  dependsOn: [identity, storage, monitoring]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityName: names.identity
    storageEndpoints: storage.outputs.endpoints
    appInsightsName: names.appInsights
    rollupSchedule: rollupSchedule
    maximumInstanceCount: maximumInstanceCount
    apiTenantId: tenant().tenantId
    apiClientId: apiClientId
    apiAllowedOrigins: apiAllowedOrigins
    defaultDeadline: defaultDeadline
  }
  // Start the host only once its identity can reach storage.
  dependsOn: [appRoles]
}

module eventTopic 'modules/event-topic.bicep' = {
  name: 'event-topic'
  scope: rg
  params: {
    name: names.systemTopic
    location: location
    tags: tags
    storageAccountName: names.storage
  }
  dependsOn: [storage]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    actionGroupName: names.actionGroup
    nameSuffix: resourceToken
    alertEmail: alertEmail
    storageAccountName: names.storage
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    systemTopicName: names.systemTopic
  }
  dependsOn: [monitoring, storage, eventTopic]
}

// Provinces upload under this role (see modules/reporter-access.bicep): blob read/write/create only, no delete
// and no container management, which Storage Blob Data Contributor would also grant and ABAC cannot narrow.
resource reporterRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: reporterRoleDefinitionName(subscription().id, rg.id)
  properties: {
    roleName: 'QiIngest Reporter (${rg.name}, ${resourceToken})'
    description: 'Uploads returns to uploads/{reporter}/ and reads its receipts; narrowed per reporter by an ABAC condition.'
    type: 'CustomRole'
    assignableScopes: [rg.id]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
        ]
        notDataActions: []
      }
    ]
  }
}

module operatorAccess 'modules/operator-access.bicep' = if (!empty(principalId)) {
  name: 'operator-access'
  scope: rg
  params: {
    storageAccountName: names.storage
    principalId: principalId
    principalType: principalType
  }
  dependsOn: [storage]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT_NAME string = names.storage
output AZURE_FUNCTION_APP_NAME string = names.functionApp
output AZURE_FUNCTION_APP_HOST string = functionApp.outputs.defaultHostName
output QI_API_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output QI_PORTAL_URL string = 'https://${functionApp.outputs.defaultHostName}/'
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = names.systemTopic
output AZURE_REPORTER_ROLE_ID string = reporterRole.id
output APPLICATIONINSIGHTS_NAME string = names.appInsights
