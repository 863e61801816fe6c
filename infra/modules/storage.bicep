// The data storage account: uploads, receipts, reports, the tables, the Flex deployment package and
// Event Grid's dead letters. Entra ID only: shared keys are off, so no connection string can work.

import { containers } from 'naming.bicep'

param name string
param location string
param tags object
param sku string
@description('Browser origins (the portal) that may PUT uploads to their upload grants (SAS URLs) on the blob service: at least the portal\'s own.')
@minLength(1)
param uploadCorsOrigins array

var tableNames = ['Submissions', 'Observations', 'NationalAggregates']

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    // A mistaken delete or overwrite of a return, receipt or report can be undone for a week.
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
    // The portal's page PUTs the file to its SAS URL on this account: another origin than the page's. The same rule as
    // BrowserUploadCors in src/QiIngest.Storage sets on Azurite.
    cors: {
      corsRules: [
        {
          allowedOrigins: uploadCorsOrigins
          allowedMethods: ['PUT', 'OPTIONS']
          allowedHeaders: ['x-ms-blob-type', 'x-ms-*', 'content-type']
          exposedHeaders: ['x-ms-*']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for container in items(containers): {
    parent: blobService
    name: container.value
    properties: { publicAccess: 'None' }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

output endpoints object = {
  blob: storage.properties.primaryEndpoints.blob
  queue: storage.properties.primaryEndpoints.queue
  table: storage.properties.primaryEndpoints.table
}
