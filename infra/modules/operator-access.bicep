// The operator who runs azd may read reports/ and sign user-delegation SAS links to the dashboard
// (docs/deployment.md). A SAS so signed can never grant more than these roles do.

import { containers } from 'naming.bicep'

param storageAccountName string
param principalId string
param principalType string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource reports 'containers' existing = {
      name: containers.reports
    }
  }
}

// Storage Blob Delegator: asking for a user delegation key is an account-level action.
resource delegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
    )
    principalId: principalId
    principalType: principalType
  }
}

// Storage Blob Data Reader, on reports/ only.
resource reportsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::reports.id, principalId, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: storage::blobService::reports
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
    )
    principalId: principalId
    principalType: principalType
  }
}
