// The Functions app on the Flex Consumption plan (FC1), .NET 10 isolated worker. Every connection is
// identity-based through the user-assigned identity: AzureWebJobsStorage for the host, QiStorage for the
// pipeline's data (the blob trigger's Connection).

import { containers } from 'naming.bicep'

param name string
param planName string
param location string
param tags object
param identityName string
@description('Blob, queue and table endpoints of the data storage account.')
param storageEndpoints { blob: string, queue: string, table: string }
param appInsightsName string
param rollupSchedule string
param maximumInstanceCount int
@description('Tenant of the Entra app registration whose access tokens the HTTP API accepts.')
param apiTenantId string
@description('Application (client) id of that registration; empty: the API serves anonymous callers only (published figures, SDMX).')
param apiClientId string
@description('Browser origins (the portal) allowed to call the HTTP API.')
param apiAllowedOrigins array
@description('The default deadline of returns: month and day (MM-DD) of the year after the period, end of day China time.')
param defaultDeadline string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy the service `functions` to by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storageEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storageEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storageEndpoints.table }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'QiStorage__blobServiceUri', value: storageEndpoints.blob }
        { name: 'QiStorage__queueServiceUri', value: storageEndpoints.queue }
        { name: 'QiStorage__tableServiceUri', value: storageEndpoints.table }
        { name: 'QiStorage__credential', value: 'managedidentity' }
        { name: 'QiStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
        { name: 'RollupSchedule', value: rollupSchedule }
        { name: 'QiIngest__Storage__UploadsContainer', value: 'uploads' }
        { name: 'QiIngest__Storage__RetryQueue', value: 'qiingest-retry' }
        { name: 'QiIngest__Limits__MaxFileBytes', value: '104857600' }
        { name: 'QiIngest__Limits__MaxDataRows', value: '1000000' }
        { name: 'QiIngest__Limits__MaxXlsxUncompressedBytes', value: '268435456' }
        { name: 'QiIngest__Limits__MaxXlsxEntries', value: '10000' }
        { name: 'QiIngest__Limits__MaxJsonDepth', value: '64' }
        { name: 'AzureAd__TenantId', value: apiTenantId }
        { name: 'AzureAd__ClientId', value: apiClientId }
        { name: 'QiIngest__Api__DefaultDeadline', value: defaultDeadline }
        // The portal answers at /, in place of the Functions host's own home page.
        { name: 'AzureWebJobsDisableHomepage', value: 'true' }
      ]
      cors: {
        allowedOrigins: apiAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageEndpoints.blob}${containers.deployment}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output defaultHostName string = app.properties.defaultHostName
